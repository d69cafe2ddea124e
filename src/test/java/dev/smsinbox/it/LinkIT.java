package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/** The carrier link loses nothing: outages, throttling, redeliveries and storage failures. */
class LinkIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  @Test
  void repliesQueuedDuringAnOutageGoOutOnceAfterTheRebind() {
    long conversation = inbox.conversationWith(FreshNumbers.us());
    int bindsBefore = inbox.smsc().bindCount();

    inbox.smsc().disconnectAll();
    await("the link's health check reports it down")
        .atMost(Duration.ofSeconds(10))
        .until(() -> !InboxClient.linkBound());
    assertThat(InboxClient.anonymous().get("/health/ready").status())
        .as("readiness is this instance's HTTP and database, not the link (issue 19)")
        .isEqualTo(200);

    List<String> texts = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      String text = "Queued during the outage #" + i + " " + System.nanoTime();
      texts.add(text);
      var accepted =
          inbox
              .admin()
              .post("/api/inbox/conversations/" + conversation + "/messages", Map.of("text", text));
      assertThat(accepted.status()).isEqualTo(202);
      ids.add(accepted.json().get("id").asLong());
    }

    await("the link binds again")
        .atMost(Duration.ofSeconds(60))
        .until(() -> inbox.smsc().bindCount() > bindsBefore && inbox.smsc().isBound());
    for (long id : ids) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> SmsPathIT.status(conversation, id), "DELIVERED"::equals);
    }
    for (String text : texts) {
      assertThat(inbox.smsc().submissions().stream().filter(s -> text.equals(s.text())).count())
          .as("submits of '%s'", text)
          .isEqualTo(1);
    }
    assertThat(InboxClient.linkBound()).isTrue();
  }

  @Test
  void aLongOutageIsBridgedByRebindsThatBackOff() {
    double attemptsBefore = metric("smpp_rebind_attempts_total");
    Carrier.outage();
    await("the link's health check reports it down")
        .atMost(Duration.ofSeconds(10))
        .until(() -> !InboxClient.linkBound());
    assertThat(InboxClient.anonymous().get("/health/ready").status())
        .as("readiness is this instance's HTTP and database, not the link (issue 19)")
        .isEqualTo(200);
    // camel-smpp's quick retries run out; the supervisor's rebinds take over and keep trying.
    await("a rebind attempt after the quick retries")
        .atMost(Duration.ofSeconds(60))
        .until(() -> metric("smpp_rebind_attempts_total") >= attemptsBefore + 1);
    assertThat(InboxClient.linkBound()).isFalse();
    assertThat(InboxClient.anonymous().get("/health/ready").status()).isEqualTo(200);

    // The carrier is back: Carrier.smsc() starts it and waits until the inbox has bound again.
    assertThat(Carrier.smsc().isBound()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(InboxClient::linkBound);
    long conversation = inbox.conversationWith(FreshNumbers.us());
    assertThat(conversation).isPositive();
  }

  @Test
  void aThrottledSubmitIsRetriedUntilTheSmscTakesIt() {
    long conversation = inbox.conversationWith(FreshNumbers.us());
    String text = "Throttled at first " + System.nanoTime();
    double refusedBefore = metric("sms_submits_refused_total{kind=\"temporary\"");
    inbox.smsc().setRejectSubmitsWith(0x58); // ESME_RTHROTTLED
    long id;
    try {
      id =
          inbox
              .admin()
              .post("/api/inbox/conversations/" + conversation + "/messages", Map.of("text", text))
              .json()
              .get("id")
              .asLong();
      await("the SMSC throttles us at least twice")
          .atMost(Duration.ofSeconds(20))
          .until(() -> metric("sms_submits_refused_total{kind=\"temporary\"") >= refusedBefore + 2);
      assertThat(SmsPathIT.status(conversation, id)).isEqualTo("QUEUED");
    } finally {
      inbox.smsc().setRejectSubmitsWith(null);
    }
    await()
        .atMost(Duration.ofSeconds(45))
        .until(() -> SmsPathIT.status(conversation, id), "DELIVERED"::equals);
    assertThat(inbox.smsc().submissions().stream().filter(s -> text.equals(s.text())).count())
        .isEqualTo(1);
  }

  @Test
  void aRedeliveredSmsIsStoredOnce() {
    String customer = FreshNumbers.us();
    String text = "Sent once, delivered twice " + System.nanoTime();
    assertThat(inbox.deliver(customer, text)).isZero();
    assertThat(inbox.deliver(customer, text)).isZero();
    long conversation = SmsPathIT.awaitRow(customer).get("id").asLong();
    var messages =
        inbox.admin().get("/api/inbox/conversations/" + conversation).json().get("messages");
    assertThat(messages.size()).isEqualTo(1);
    assertThat(messages.get(0).get("text").asText()).isEqualTo(text);
  }

  @Test
  void aStorageFailureAnswersTemporaryErrorSoTheSmscDeliversAgain() throws Throwable {
    String customer = FreshNumbers.us();
    String text = "STORAGE-FAILURE " + System.nanoTime();
    // The journal refuses it: nothing was committed, so the carrier must keep it.
    whileTheDatabaseRefuses(
        "inbound_journal",
        "body not like 'STORAGE-FAILURE %'",
        () -> assertThat(inbox.deliver(customer, text)).isEqualTo(0x64));
    // The SMSC's redelivery now lands, once.
    assertThat(inbox.deliver(customer, text)).isZero();
    long conversation = SmsPathIT.awaitRow(customer).get("id").asLong();
    var messages =
        inbox.admin().get("/api/inbox/conversations/" + conversation).json().get("messages");
    assertThat(messages.size()).isEqualTo(1);
  }

  @Test
  void anSmsThatCannotBeFiledAfterItsAckWaitsInTheJournalAndIsFiledOnce() throws Throwable {
    String customer = FreshNumbers.us();
    String text = "FILING-FAILURE " + System.nanoTime();
    whileTheDatabaseRefuses(
        "message",
        "body not like 'FILING-FAILURE %'",
        () -> {
          // Committed to the journal: the carrier is told it is ours.
          assertThat(inbox.deliver(customer, text)).isZero();
          await("operations see an SMS waiting to be filed")
              .atMost(Duration.ofSeconds(20))
              .until(() -> metric("sms_inbound_unfiled") >= 1);
          assertThat(conversationsOf(customer)).isZero();
        });
    // Tried again after a pause that doubles from a second: now it lands, once.
    long conversation = SmsPathIT.awaitRow(customer).get("id").asLong();
    var messages =
        inbox.admin().get("/api/inbox/conversations/" + conversation).json().get("messages");
    assertThat(messages.size()).isEqualTo(1);
    assertThat(messages.get(0).get("text").asText()).isEqualTo(text);
  }

  /**
   * Runs {@code during} while the server's database refuses new rows of {@code table} that fail
   * {@code check} (a constraint the test adds beside the server: the PostgreSQL run only).
   */
  private static void whileTheDatabaseRefuses(String table, String check, Executable during)
      throws Throwable {
    Assumptions.assumeTrue(
        "postgresql".equals(System.getProperty("it.db.label")),
        "needs a database the test can reach beside the server (the PostgreSQL run)");
    String constraint = "it_refuses_" + table;
    try (Connection db =
            DriverManager.getConnection(
                System.getProperty("it.db.url"), System.getProperty("it.db.user"), "");
        Statement sql = db.createStatement()) {
      sql.execute("alter table " + table + " drop constraint if exists " + constraint);
      sql.execute(
          "alter table "
              + table
              + " add constraint "
              + constraint
              + " check ("
              + check
              + ")"
              + " not valid");
      try {
        during.execute();
      } finally {
        sql.execute("alter table " + table + " drop constraint " + constraint);
      }
    }
  }

  /** How many conversations the inbox lists for the customer's number. */
  private static int conversationsOf(String customer) {
    String digits = customer.substring(customer.length() - 7);
    return inbox.admin().get("/api/inbox/conversations?q=" + digits).json().get("items").size();
  }

  @Test
  void healthAndMetricsTellOperationsWhatHappens() {
    var ready = InboxClient.anonymous().get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).contains("database").doesNotContain("smpp-link");
    var health = InboxClient.anonymous().get("/health");
    assertThat(health.body()).contains("smpp-link").contains("BOUND");
    assertThat(InboxClient.linkBound()).isTrue();
    assertThat(ready.body())
        .as("health says UP/DOWN, never where the SMSC is")
        .doesNotContain(":" + System.getProperty("it.smpp.port", "2876"))
        .doesNotContain("127.0.0.1");
    assertThat(health.body())
        .doesNotContain(":" + System.getProperty("it.smpp.port", "2876"))
        .doesNotContain("127.0.0.1");
    assertThat(InboxClient.anonymous().get("/health/live").status()).isEqualTo(200);
    assertThat(metric("sms_received_total")).isPositive();
    // Every SMS received was acknowledged after a journal commit, which operations see.
    assertThat(metric("sms_journal_commit_size_count")).isPositive();
    assertThat(metric("sms_journal_commit_seconds_count")).isPositive();
    assertThat(metric("sms_journal_wait_seconds_count")).isPositive();
    assertThat(InboxClient.anonymous().get("/metrics").status()).isNotEqualTo(200);
    assertThat(InboxClient.anonymous().get("/openapi").body())
        .as("Liberty's /openapi leaves the inbox out outside the demo run")
        .doesNotContain("/api/inbox");
    assertThat(InboxClient.metrics("/metrics", false).status())
        .as("/metrics needs Liberty's monitor user outside the demo run")
        .isEqualTo(401);
    assertThat(InboxClient.metrics("/metrics", true).body())
        .contains("smpp_link_bound")
        .contains("sms_inbound_waiting")
        .contains("sms_inbound_unfiled");
  }

  /** The sum of the Prometheus samples whose line starts with {@code prefix}. */
  static double metric(String prefix) {
    String body = InboxClient.metrics("/metrics?scope=application", true).body();
    double sum = 0;
    for (String line : body.split("\n")) {
      if (line.startsWith(prefix)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
