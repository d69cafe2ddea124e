package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The inbox while its database is down: every request is answered at once with what happened and
 * when to try again, and the inbox works again as soon as the database is back. The PostgreSQL run
 * only: the test stops the server's database from taking connections, from beside the server.
 */
class DatabaseOutageIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();
  private static final InboxClient admin = InboxClient.admin();
  private static final InboxClient crm = InboxClient.crm();

  @Test
  void whileTheDatabaseIsDownRequestsAreAnswered503WithWhenToRetryAndTheInboxRecovers()
      throws Exception {
    Assumptions.assumeTrue(
        "postgresql".equals(System.getProperty("it.db.label")),
        "needs a database the test can stop beside the server (the PostgreSQL run)");
    assertThat(admin.get("/api/inbox/conversations").status()).isEqualTo(200);
    Map<String, Object> batch =
        Map.of(
            "from",
            inbox.ourNumber(),
            "text",
            "Back in stock",
            "origin",
            Map.of("type", "CAMPAIGN", "id", "c-5", "name", "Back in stock"),
            "to",
            List.of(FreshNumbers.us(), FreshNumbers.us()));
    String key = UUID.randomUUID().toString();
    String url = System.getProperty("it.db.url");
    String database = url.replaceFirst("^jdbc:postgresql://[^/]+/([^?]+).*$", "$1");
    // PostgreSQL refuses to close the database one is connected to: this runs from another.
    String maintenance = url.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]+.*$", "$1postgres");
    try (Connection db =
            DriverManager.getConnection(maintenance, System.getProperty("it.db.user"), "");
        Statement sql = db.createStatement()) {
      sql.execute("alter database " + database + " allow_connections false");
      try {
        sql.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                + database
                + "'");
        await("requests answered 503 while the database is down")
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  InboxClient.Answer answer = admin.get("/api/inbox/conversations");
                  assertThat(answer.status()).isEqualTo(503);
                  assertThat(answer.contentType()).startsWith("application/problem+json");
                  assertThat(answer.header("Retry-After")).isEqualTo("5");
                  assertThat(answer.json().get("detail").asText())
                      .contains("cannot reach its database")
                      .contains("nothing was changed");
                });
        // Not only reads: a reply is refused the same way, before anything is queued.
        InboxClient.Answer reply =
            admin.post("/api/inbox/conversations/1/messages", "{\"text\":\"Still there?\"}");
        assertThat(reply.status()).isEqualTo(503);
        // So is a batch under an idempotency key; the key is not taken by a failure of ours.
        assertThat(crm.post("/api/sms/batches", batch, Map.of("Idempotency-Key", key)).status())
            .isEqualTo(503);
      } finally {
        sql.execute("alter database " + database + " allow_connections true");
      }
    }
    await("the inbox works again once the database is back")
        .atMost(Duration.ofSeconds(60))
        .until(() -> admin.get("/api/inbox/conversations").status() == 200);
    InboxClient.Answer retried =
        crm.post("/api/sms/batches", batch, Map.of("Idempotency-Key", key));
    assertThat(retried.status()).isEqualTo(202);
    assertThat(retried.header("Idempotent-Replayed")).isNull();
    assertThat(retried.json().get("recipients")).hasSize(2);
  }
}
