package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.smsinbox.runtime.simulator.SmscSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 19: two instances of the packaged server, each a process of its own (the same Liberty
 * server run twice, each with its own WLP_OUTPUT_DIR and ports), on one PostgreSQL schema and bound
 * to one SMSC, which accepts both binds and spreads its deliver_sm over them (each part of a long
 * SMS to the next bind). What a CRM running two instances behind a load balancer counts on:
 *
 * <ul>
 *   <li>a burst of inbound SMS over both binds: each filed once, and each of its events reaches the
 *       integrator's webhook route once (a lease per route: one instance delivers it);
 *   <li>customers whose next SMS leaves the carrier once the one before is acknowledged, on either
 *       bind: each one's SMS filed in that order, whichever instance files them;
 *   <li>a 3-part SMS whose parts arrive on both binds: one message;
 *   <li>replies posted half to each instance: one submit per part, together at the carrier's rate
 *       (SMPP_SUBMIT_TPS is the account's, not an instance's);
 *   <li>an admin's live stream on one instance shows a reply sent through the other;
 *   <li>kill -9 of one instance mid-burst: the other goes on; once the SMSC has resent what went
 *       unanswered, nothing is lost or filed twice.
 * </ul>
 *
 * <p>Run by {@code ./mvnw verify -Ppostgres} (the failsafe execution it-cluster; README, "Several
 * instances"). Sizes: {@code -Dcluster.inbound} (1,000), {@code -Dcluster.replies} (200), {@code
 * -Dcluster.tps} (20). Every port is a free one, found at the start. Skipped where the build did
 * not create the server (the H2 run).
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final int INBOUND = Integer.getInteger("cluster.inbound", 1_000);
  private static final int REPLIES = Integer.getInteger("cluster.replies", 200);
  private static final int KILL_BURST = Integer.getInteger("cluster.kill-burst", 400);
  private static final int TPS = Integer.getInteger("cluster.tps", 20);
  private static final int WINDOW = 32;
  private static final String OUR_NUMBER = "+14155550100";
  private static final String HOOK_ROUTE = "cluster-webhook";

  /** How long a start may take, to /health/ready, on a loaded 2-core machine. */
  private static final Duration START =
      Duration.parse(System.getProperty("cluster.start-timeout", "PT8M"));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long STARTED = System.nanoTime();
  private static final Logger SMSC_LOG = Logger.getLogger(SmscSimulator.class.getName());

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static SmscSimulator smsc;
  private static HttpServer webhook;
  private static LibertyProcess a;
  private static LibertyProcess b;
  private static String dbUrl;
  private static String dbUser;

  /**
   * What the webhook route posted: by the SMS's text, how often each event id came as a first
   * attempt. A retry (SmsInboxAttempt above 1: the answer came after the route's time limit) is the
   * holder's own at-least-once; a second first attempt would be another instance delivering the
   * same event.
   */
  private static final Map<String, Map<Long, AtomicInteger>> HOOKED = new ConcurrentHashMap<>();

  private static final AtomicInteger RETRIES = new AtomicInteger();

  @BeforeAll
  static void startTwoInstances() throws Exception {
    String wlp = System.getProperty("cluster.wlp.dir");
    Assumptions.assumeTrue(
        wlp != null, "needs the server the postgres profile creates (-Ppostgres)");
    SMSC_LOG.setLevel(Level.WARNING);
    String dbServer = System.getProperty("cluster.db.server");
    String schema = System.getProperty("cluster.db.schema");
    dbUser = System.getProperty("cluster.db.user");
    dbUrl = dbServer + "?currentSchema=" + schema;
    FreshSchema.main(new String[] {dbServer, dbUser, schema});
    Path work = Path.of(System.getProperty("cluster.work.dir", "target/cluster")).toAbsolutePath();

    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext(
        "/hook",
        exchange -> {
          String text;
          try (InputStream body = exchange.getRequestBody()) {
            text = JSON.readTree(body).path("message").path("text").asText("");
          }
          String id = exchange.getRequestHeaders().getFirst("SmsInboxEventId");
          String attempt = exchange.getRequestHeaders().getFirst("SmsInboxAttempt");
          AtomicInteger firstAttempts =
              HOOKED
                  .computeIfAbsent(text, t -> new ConcurrentHashMap<>())
                  .computeIfAbsent(id == null ? -1L : Long.parseLong(id), k -> new AtomicInteger());
          if ("1".equals(attempt)) {
            firstAttempts.incrementAndGet();
          } else {
            RETRIES.incrementAndGet();
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    webhook.setExecutor(Executors.newFixedThreadPool(4));
    webhook.start();
    Path routes = Files.createDirectories(work.resolve("camel-routes"));
    Files.writeString(
        routes.resolve("cluster-webhook.camel.yaml"),
        """
        - route:
            id: %s
            from:
              uri: "direct:sms.received.cluster"
              steps:
                - removeHeaders:
                    pattern: "*"
                    excludePattern: "SmsInboxEventId|SmsInboxAttempt"
                - setHeader:
                    name: CamelHttpMethod
                    constant: POST
                - to: "http://127.0.0.1:%d/hook"
        """
            .formatted(HOOK_ROUTE, webhook.getAddress().getPort()));

    smsc = new SmscSimulator(0).start();
    smsc.setReceiptsEnabled(false); // submits are counted, receipts would only add traffic
    smsc.setSpreadDeliveries(true);
    a = instance(wlp, work, "a", routes);
    b = instance(wlp, work, "b", routes);
    report("started instance a (pid %d) and b (pid %d)", a.start(), b.start());
    a.awaitReady(START);
    b.awaitReady(START);
    await("both instances bound to the SMSC")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> smsc.receivingBinds() == 2);
    report("both instances ready, two binds");
    assertThat(
            post(
                    a,
                    "admin:admin",
                    "/api/numbers",
                    Map.of(
                        "number",
                        OUR_NUMBER,
                        "country",
                        "US",
                        "dedicated",
                        true,
                        "registered",
                        true))
                .statusCode())
        .isEqualTo(201);
    assertThat(
            post(
                    b,
                    "crm:crm",
                    "/api/credits/top-ups",
                    Map.of("amount", 1_000_000, "reason", "cluster test"))
                .statusCode())
        .isEqualTo(201);
  }

  private static LibertyProcess instance(String wlp, Path work, String name, Path routes)
      throws IOException {
    int httpPort = LibertyProcess.freePort();
    Map<String, String> env =
        LibertyProcess.onPostgres(work.resolve(name), httpPort, smsc.port(), name, dbUrl, dbUser);
    env.put("SMPP_SUBMIT_TPS", Integer.toString(TPS));
    env.put("CAMEL_ROUTES_DIR", routes.toString());
    env.put("CAMEL_EVENTS_POLL_INTERVAL", "PT0.5S");
    env.put("CAMEL_EVENTS_TIMEOUT", "PT5S");
    env.put("CAMEL_EVENTS_LEASE", "PT10S");
    env.put("SMPP_REASSEMBLY_TIMEOUT", "PT30S");
    String jvmArgs = System.getProperty("cluster.jvm.args", "");
    if (!jvmArgs.isBlank()) {
      env.put("JVM_ARGS", jvmArgs);
    }
    return new LibertyProcess(
        Path.of(wlp),
        System.getProperty("cluster.server", "crashTest"),
        env,
        httpPort,
        work.resolve(name + "-console.log"));
  }

  @AfterAll
  static void stop() {
    Stream.of(a, b)
        .filter(java.util.Objects::nonNull)
        .forEach(
            server -> {
              try {
                server.close();
              } catch (RuntimeException e) {
                report("could not stop a server: %s", e);
              }
            });
    if (smsc != null) {
      smsc.close();
    }
    if (webhook != null) {
      webhook.stop(0);
    }
  }

  @Test
  @Order(1)
  void aBurstOverBothBindsIsFiledOnceAndEachEventReachesTheWebhookRouteOnce() throws Exception {
    try (ResendingCarrier carrier =
        new ResendingCarrier(
            smsc, OUR_NUMBER, INBOUND, ClusterIT::customer, i -> "cluster-in " + i, WINDOW)) {
      carrier.awaitAcknowledged(Duration.ofMinutes(10));
      report("%d SMS acknowledged over two binds (%d resent)", INBOUND, carrier.resent());
    }
    await("every SMS of the burst filed")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> count("cluster-in %")[0] >= INBOUND && journal() == 0);
    int[] counted = count("cluster-in %");
    report("filed %d rows, %d distinct", counted[0], counted[1]);
    assertThat(counted[1]).as("SMS filed").isEqualTo(INBOUND);
    assertThat(counted[0]).as("rows (an SMS filed twice makes two)").isEqualTo(INBOUND);

    await("each SMS's event posted by the webhook route")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> hooked("cluster-in ", INBOUND) == INBOUND);
    // A second post would come from the instance that does not hold the route's lease.
    await("no event posted twice")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> postedMoreThanOnce("cluster-in ", INBOUND).isEmpty());
    report(
        "webhook route: each of the %d events posted once (%d retries of a post answered late)",
        INBOUND, RETRIES.get());
    assertThat(leaseHolders()).as("the route's lease: one holder").hasSize(1);
  }

  @Test
  @Order(2)
  void eachCustomersSmsOverBothBindsAreFiledInTheOrderTheCarrierSentThem() throws Exception {
    int customers = 2 * WINDOW;
    int each = 8;
    // A customer's next SMS leaves the carrier once the one before is acknowledged, on either
    // bind: whichever instance files it, it must not reach the conversation first.
    try (ResendingCarrier carrier =
        ResendingCarrier.inTurns(
            smsc,
            OUR_NUMBER,
            customers * each,
            i -> inTurn(i % customers),
            i -> "cluster-turn " + (i / customers + 1),
            WINDOW)) {
      carrier.awaitAcknowledged(Duration.ofMinutes(5));
    }
    await("every SMS of the customers filed")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> count("cluster-turn %")[0] >= customers * each && journal() == 0);
    Map<String, List<String>> filed = new LinkedHashMap<>();
    try (Connection db = DriverManager.getConnection(dbUrl, dbUser, "");
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "select k.phone, m.body from message m join conversation v on v.id ="
                        + " m.conversation_id join contact k on k.id = v.contact_id"
                        + " where m.body like 'cluster-turn %' order by m.id")) {
      while (rs.next()) {
        filed.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    List<String> inOrder =
        IntStream.rangeClosed(1, each).mapToObj(n -> "cluster-turn " + n).toList();
    assertThat(filed).hasSize(customers);
    filed.forEach(
        (phone, theirs) ->
            assertThat(theirs).as("%s's SMS, each once, in order", phone).isEqualTo(inOrder));
  }

  /** Customers of their own (not those of the other tests' bursts). */
  private static String inTurn(int i) {
    return "+1415" + (4_100_000 + i);
  }

  @Test
  @Order(3)
  void aThreePartSmsWithPartsOnBothBindsIsOneMessage() throws Exception {
    String text =
        "cluster-long "
            + "Hello, this is a long message from a customer that needs three parts to arrive."
                .repeat(5);
    assertThat(text.length()).isBetween(307, 459); // three GSM-7 parts of 153
    assertThat(smsc.deliver(customer(1), OUR_NUMBER, text)).isZero();
    await("the long SMS filed")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> exactCount(text) >= 1);
    // Two messages would be filed side by side, each instance reassembling what it got.
    await("one message, no second one")
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> exactCount(text) == 1 && count("cluster-long%")[0] == 1);
    assertThat(exactCount(text)).as("messages with the whole text").isEqualTo(1);
    assertThat(count("cluster-long%")[0])
        .as("messages of the long SMS (fragments too)")
        .isEqualTo(1);
  }

  @Test
  @Order(4)
  void anAdminStreamOnOneInstanceShowsAReplySentThroughTheOther() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<HttpResponse<Stream<String>>> stream =
        HTTP.sendAsync(
            HttpRequest.newBuilder(URI.create(a.base() + "/api/inbox/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", basic("admin:admin"))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    HttpResponse<Stream<String>> response = stream.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    Thread reader =
        new Thread(
            () -> {
              try {
                response.body().forEach(lines::add);
              } catch (RuntimeException e) {
                // the stream ends with the test
              }
            },
            "cluster-it-sse");
    reader.setDaemon(true);
    reader.start();
    await("the stream is live (its first unread count)")
        .atMost(Duration.ofSeconds(30))
        .until(() -> lines.stream().anyMatch(l -> l.equals("event: unread.count")));

    long conversation = conversations().get(customer(7));
    String text = "cluster-live reply through b " + System.nanoTime();
    HttpResponse<String> posted =
        post(
            b,
            "admin:admin",
            "/api/inbox/conversations/" + conversation + "/messages",
            Map.of("text", text));
    long before = System.nanoTime();
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
    await("instance a's stream shows the reply sent through b")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(text)));
    report(
        "the reply posted to b was on a's live stream %d ms after b answered",
        (System.nanoTime() - before) / 1_000_000);
    response.body().close();
  }

  @Test
  @Order(5)
  void repliesPostedHalfToEachInstanceAreEachSubmittedOnceAtTheSharedRate() throws Exception {
    Map<String, Long> conversations = conversations();
    // Scheduled for one moment, so the outbox has all of them at once: what is measured is the
    // instances' combined pace, not how fast the test could post (slower, on a loaded machine).
    String sendAt =
        java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
            .plus(Duration.parse(System.getProperty("cluster.replies.send-after", "PT45S")))
            .toString();
    ExecutorService posters = Executors.newFixedThreadPool(8);
    List<Future<HttpResponse<String>>> posted = new ArrayList<>();
    for (int i = 0; i < REPLIES; i++) {
      long conversation = conversations.get(customer(i));
      String text = "cluster-out " + i;
      LibertyProcess through = i % 2 == 0 ? a : b;
      posted.add(
          posters.submit(
              () ->
                  post(
                      through,
                      "admin:admin",
                      "/api/inbox/conversations/" + conversation + "/messages",
                      Map.of("text", text, "sendAt", sendAt))));
    }
    for (Future<HttpResponse<String>> reply : posted) {
      assertThat(reply.get().statusCode()).as(reply.get().body()).isEqualTo(202);
    }
    posters.shutdown();
    report("%d replies posted half to each instance, all to be sent at %s", REPLIES, sendAt);
    await("every reply submitted")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                submitted("cluster-out ").size() >= REPLIES
                    && queued("cluster-out %") == 0
                    && scheduled("cluster-out %") == 0);
    // A second submit would come from the other instance's outbox.
    await("no reply submitted twice")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> submitted("cluster-out ").size() == REPLIES);
    List<SmscSimulator.Submission> submits = submitted("cluster-out ");
    Map<String, Integer> byText = new HashMap<>();
    submits.forEach(s -> byText.merge(s.text(), s.parts(), Integer::sum));
    List<String> twice =
        byText.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    // The pace the carrier sees: the submits from the tenth to the ninetieth in order of arrival
    // over the time between them. First to last also measured the start of the burst, where one
    // submit that reached the SMSC a quarter of a second after its slot (a first use on its bind)
    // made 200 parts at 20 a second look 2.6 % fast though every slot was 1/TPS apart.
    List<Instant> arrivals = submits.stream().map(SmscSimulator.Submission::at).sorted().toList();
    int from = arrivals.size() / 10;
    int to = arrivals.size() - 1 - arrivals.size() / 10;
    double rate =
        (to - from) / (Duration.between(arrivals.get(from), arrivals.get(to)).toNanos() / 1e9);
    double wholeRate =
        (arrivals.size() - 1)
            / (Duration.between(arrivals.get(0), arrivals.get(arrivals.size() - 1)).toNanos()
                / 1e9);
    report(
        "%d replies posted half to each instance: %d submits, %d texts submitted more than once;"
            + " combined rate %.2f/s (first to last %.2f/s) for SMPP_SUBMIT_TPS %d",
        REPLIES, submits.size(), twice.size(), rate, wholeRate, TPS);
    assertThat(byText).as("replies submitted").hasSize(REPLIES);
    assertThat(twice).as("replies submitted more than once").isEmpty();
    assertThat(rate).as("combined submit rate (per s)").isBetween(TPS * 0.98, TPS * 1.02);
  }

  @Test
  @Order(6)
  void killedMidBurstOneInstanceLeavesTheOtherGoingAndNothingIsLostOrDoubled() throws Exception {
    int killedAt;
    try (ResendingCarrier carrier =
        new ResendingCarrier(
            smsc,
            OUR_NUMBER,
            KILL_BURST,
            i -> customer(i + 500),
            i -> "cluster-kill " + i,
            WINDOW)) {
      await("half the burst acknowledged")
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofMillis(5))
          .until(() -> carrier.acknowledged() >= KILL_BURST / 2);
      b.killNine();
      killedAt = carrier.acknowledged();
      report("kill -9 of instance b after %d of %d SMS acknowledged", killedAt, KILL_BURST);
      carrier.awaitAcknowledged(Duration.ofMinutes(10));
      report(
          "instance a acknowledged the rest (%d deliver_sm resent, %d refused for now)",
          carrier.resent(), carrier.refused());
    }
    await("every SMS of the burst filed by instance a")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> count("cluster-kill %")[1] >= KILL_BURST && journal() == 0);
    int[] counted = count("cluster-kill %");
    report(
        "filed %d rows, %d distinct: lost %d, doubled %d",
        counted[0], counted[1], KILL_BURST - counted[1], counted[0] - counted[1]);
    assertThat(counted[1]).as("SMS filed (none lost)").isEqualTo(KILL_BURST);
    assertThat(counted[0]).as("rows (none filed twice)").isEqualTo(KILL_BURST);
    // The webhook route goes on on instance a (once b's lease ran out): every event, at least
    // once (what b had in flight when it died may come twice).
    await("each event of the burst posted by the webhook route, b's lease taken over")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> hooked("cluster-kill ", KILL_BURST) == KILL_BURST);
    report(
        "webhook route after the kill: %d events posted more than once (b's in flight)",
        postedMoreThanOnce("cluster-kill ", KILL_BURST).size());
  }

  /** How many of the SMS {@code prefix + 0 .. count - 1} the webhook route posted. */
  private static int hooked(String prefix, int count) {
    int posted = 0;
    for (int i = 0; i < count; i++) {
      if (HOOKED.containsKey(prefix + i)) {
        posted++;
      }
    }
    return posted;
  }

  /** The SMS whose event was posted more than once, or under more than one event. */
  private static List<String> postedMoreThanOnce(String prefix, int count) {
    List<String> twice = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<Long, AtomicInteger> posts = HOOKED.getOrDefault(prefix + i, Map.of());
      if (posts.size() > 1 || posts.values().stream().anyMatch(n -> n.get() > 1)) {
        twice.add(prefix + i);
      }
    }
    return twice;
  }

  // --- what the database and the SMSC say

  private static String customer(int i) {
    return "+1415" + (4_000_000 + i % 1_000);
  }

  /** Rows and distinct bodies of inbound messages whose body is like {@code pattern}. */
  private static int[] count(String pattern) throws SQLException {
    try (Connection db = DriverManager.getConnection(dbUrl, dbUser, "");
        PreparedStatement sql =
            db.prepareStatement(
                "select count(*), count(distinct body) from message"
                    + " where direction = 'INBOUND' and body like ?")) {
      sql.setString(1, pattern);
      try (ResultSet rs = sql.executeQuery()) {
        rs.next();
        return new int[] {rs.getInt(1), rs.getInt(2)};
      }
    }
  }

  private static int exactCount(String body) throws SQLException {
    try (Connection db = DriverManager.getConnection(dbUrl, dbUser, "");
        PreparedStatement sql =
            db.prepareStatement(
                "select count(*) from message where direction = 'INBOUND' and body = ?")) {
      sql.setString(1, body);
      try (ResultSet rs = sql.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static int journal() throws SQLException {
    return single("select count(*) from inbound_journal");
  }

  private static int queued(String pattern) throws SQLException {
    try (Connection db = DriverManager.getConnection(dbUrl, dbUser, "");
        PreparedStatement sql =
            db.prepareStatement(
                "select count(*) from message where direction = 'OUTBOUND' and status = 'QUEUED'"
                    + " and body like ?")) {
      sql.setString(1, pattern);
      try (ResultSet rs = sql.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static int scheduled(String pattern) throws SQLException {
    try (Connection db = DriverManager.getConnection(dbUrl, dbUser, "");
        PreparedStatement sql =
            db.prepareStatement(
                "select count(*) from message where direction = 'OUTBOUND'"
                    + " and status = 'SCHEDULED' and body like ?")) {
      sql.setString(1, pattern);
      try (ResultSet rs = sql.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static int single(String query) throws SQLException {
    try (Connection db = DriverManager.getConnection(dbUrl, dbUser, "");
        ResultSet rs = db.createStatement().executeQuery(query)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static List<String> leaseHolders() throws SQLException {
    List<String> holders = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(dbUrl, dbUser, "");
        PreparedStatement sql =
            db.prepareStatement(
                "select lease_holder from integrator_cursor where route_id = ?"
                    + " and lease_holder is not null")) {
      sql.setString(1, HOOK_ROUTE);
      try (ResultSet rs = sql.executeQuery()) {
        while (rs.next()) {
          holders.add(rs.getString(1));
        }
      }
    }
    return holders;
  }

  /** The conversation of each customer, by phone. */
  private static Map<String, Long> conversations() throws SQLException {
    Map<String, Long> ids = new HashMap<>();
    try (Connection db = DriverManager.getConnection(dbUrl, dbUser, "");
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "select k.phone, c.id from conversation c join contact k on k.id = c.contact_id")) {
      while (rs.next()) {
        ids.put(rs.getString(1), rs.getLong(2));
      }
    }
    return ids;
  }

  private static List<SmscSimulator.Submission> submitted(String prefix) {
    return smsc.submissions().stream().filter(s -> s.text().startsWith(prefix)).toList();
  }

  // --- HTTP

  private static HttpResponse<String> post(
      LibertyProcess server, String user, String path, Object body) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(server.base() + path))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("Authorization", basic(user))
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
  }

  private static void report(String format, Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = (System.nanoTime() - STARTED) / 1e9;
    System.arraycopy(args, 0, all, 1, args.length);
    System.out.printf("Cluster test (%5.1f s): " + format + "%n", all);
  }
}
