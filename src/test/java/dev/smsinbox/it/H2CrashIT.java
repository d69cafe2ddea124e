package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.runtime.simulator.SmscSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H2 stays allowed outside the demo run (issue 17), so an SMS acknowledged on H2 must survive a
 * crash as on PostgreSQL: the packaged server on its default database (the H2 file of server.xml's
 * {@code DB_URL}, nothing set) is sent a stream of SMS, killed with SIGKILL right after the carrier
 * got the last deliver_sm_resp, and the file it leaves behind is opened: every acknowledged SMS is
 * in it, once. With H2's default write delay (500 ms: set {@code crash.h2.db-url} to a URL without
 * {@code WRITE_DELAY=0} to see it) the last ones are lost.
 *
 * <p>Runs in the fault test's execution (it-crash, {@code -Ppostgres}), on the fault test's server
 * (crashTest), given no database settings. Size: {@code -Dcrash.h2.sms} (200).
 */
@Tag("crash")
class H2CrashIT {

  private static final int SMS = Integer.getInteger("crash.h2.sms", 200);
  private static final String OUR_NUMBER = "+14155550100";
  private static final Duration START =
      Duration.parse(System.getProperty("crash.start-timeout", "PT8M"));
  private static final Logger SMSC_LOG = Logger.getLogger(SmscSimulator.class.getName());

  @Test
  void everySmsAcknowledgedOnTheDefaultH2FileSurvivesKillNine() throws Exception {
    String wlp = System.getProperty("crash.wlp.dir");
    Assumptions.assumeTrue(
        wlp != null, "needs the H2 crash server the postgres profile creates (-Ppostgres)");
    SMSC_LOG.setLevel(Level.WARNING);
    String serverName = System.getProperty("crash.h2.server", "crashTest");
    Path serverDir = Path.of(wlp, "usr", "servers", serverName).toAbsolutePath();
    Path data = serverDir.resolve("data");
    deleteTree(data); // a fresh database for each run
    Path work = Path.of(System.getProperty("crash.work.dir", "target/crash")).resolve("h2");
    Path routes = Files.createDirectories(work.resolve("camel-routes"));
    String run = UUID.randomUUID().toString().substring(0, 8);
    int httpPort = freePort();
    List<String> acknowledged = new ArrayList<>();

    try (SmscSimulator smsc = new SmscSimulator(0).start()) {
      smsc.setReceiptsEnabled(false);
      Map<String, String> env = new HashMap<>();
      env.put("HTTP_PORT", Integer.toString(httpPort));
      env.put("HTTPS_PORT", Integer.toString(freePort()));
      env.put("SMPP_PORT", Integer.toString(smsc.port()));
      env.put("CAMEL_ROUTES_DIR", routes.toAbsolutePath().toString());
      String dbUrl = System.getProperty("crash.h2.db-url", "");
      if (!dbUrl.isBlank()) {
        env.put("DB_URL", dbUrl.replace("${server.output.dir}", serverDir.toString()));
      }
      String jvmArgs = System.getProperty("crash.jvm.args", "");
      if (!jvmArgs.isBlank()) {
        env.put("JVM_ARGS", jvmArgs);
      }
      try (LibertyProcess server =
          new LibertyProcess(
              Path.of(wlp),
              serverName,
              env,
              httpPort,
              work.resolve("console.log").toAbsolutePath())) {
        server.start();
        server.awaitReady(START);
        assertThat(
                adminPost(
                    server.base(),
                    "/api/numbers",
                    "{\"number\":\""
                        + OUR_NUMBER
                        + "\",\"country\":\"US\",\"dedicated\":true,\"registered\":true}"))
            .isEqualTo(201);

        for (int i = 0; i < SMS; i++) {
          String text = "h2-crash " + run + " #" + i;
          String customer = "+1415777" + String.format("%04d", i);
          if (smsc.deliver(customer, OUR_NUMBER, text) == 0) {
            acknowledged.add(text);
          }
        }
        // At once after the last acknowledgement: what H2 still held in memory dies with it.
        server.killNine();
      }
    }
    assertThat(acknowledged).as("SMS the inbox acknowledged").hasSize(SMS);

    Map<String, Integer> stored = new HashMap<>();
    try (Connection db =
            DriverManager.getConnection(
                "jdbc:h2:file:" + data.resolve("inbox") + ";MODE=Regular", "sa", "");
        Statement sql = db.createStatement()) {
      for (String table : List.of("message", "inbound_journal", "unrouted_sms")) {
        try (ResultSet rs =
            sql.executeQuery(
                "select body from " + table + " where body like 'h2-crash " + run + " #%'")) {
          while (rs.next()) {
            stored.merge(rs.getString(1), 1, Integer::sum);
          }
        }
      }
    }
    List<String> lost = acknowledged.stream().filter(t -> !stored.containsKey(t)).toList();
    List<String> twice =
        stored.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    System.out.printf(
        "H2CrashIT: %d SMS acknowledged, killed -9 right after the last; in the file: %d, lost %d,"
            + " stored twice %d%n",
        acknowledged.size(), stored.size(), lost.size(), twice.size());
    assertThat(lost).as("acknowledged SMS missing from the H2 file after kill -9").isEmpty();
    assertThat(twice).as("SMS stored twice").isEmpty();
  }

  private static int adminPost(String base, String path, String json) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return answer.statusCode();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
