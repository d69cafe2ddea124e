package dev.smsinbox.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smsinbox.MovingClock;
import dev.smsinbox.adapter.rest.IdempotentWrites.Answer;
import dev.smsinbox.adapter.rest.IdempotentWrites.Call;
import dev.smsinbox.application.Caller;
import dev.smsinbox.application.Callers;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.port.InboxTelemetry;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.domain.OriginType;
import dev.smsinbox.runtime.FlywayMigration;
import dev.smsinbox.runtime.InboxCore;
import dev.smsinbox.runtime.TestSettings;
import jakarta.json.bind.JsonbBuilder;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A campaign batch whose database goes away half-way, caused for real: connections are refused from
 * the third recipient on. The answer says what was queued and what was not, and the same batch sent
 * again with its key queues only the rest.
 */
class BatchCutShortTest {

  private static final String OURS = "+14155550100";
  private static final Origin CAMPAIGN = new Origin(OriginType.CAMPAIGN, "c-9", "Flash sale");
  private static final List<String> TO =
      List.of("+14155550101", "+14155550102", "+14155550103", "+14155550104");
  private static final Caller CRM = Callers.crm();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The database, until the test says it cannot be reached any more. */
  static final class FlakyDatabase implements DataSource {
    final JdbcDataSource h2 = new JdbcDataSource();
    volatile boolean down;

    @Override
    public Connection getConnection() throws SQLException {
      if (down) {
        throw new SQLNonTransientConnectionException("Connection refused", "08001");
      }
      return h2.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("Not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }

  private final FlakyDatabase db = new FlakyDatabase();
  private final MovingClock clock = new MovingClock(Instant.parse("2026-11-24T12:00:00Z"));
  private final AtomicInteger queued = new AtomicInteger();
  private volatile int downAfterQueued = Integer.MAX_VALUE;
  private InboxCore core;
  private IdempotentWrites writes;

  @BeforeEach
  void anInbox() {
    db.h2.setURL("jdbc:h2:mem:cut-short-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    FlywayMigration.configure(db).load().migrate();
    // Told after each queued message's commit: the database goes once enough have been queued.
    MessageHooks hooks =
        new MessageHooks(
            List::of,
            () ->
                List.of(
                    (MessageHooks.StoredListener)
                        (account, message) -> {
                          if (queued.incrementAndGet() == downAfterQueued) {
                            db.down = true;
                          }
                        }),
            List::of);
    core =
        new InboxCore(
            db,
            TestSettings.inbox(),
            hooks,
            InboxTelemetry.NONE,
            JsonbBuilder.create(),
            clock,
            (type, body) -> {},
            () -> {});
    core.manageNumbers().save(Callers.admin(), OURS, "US", true, true);
    core.credits().topUp(CRM, 100, "test");
    writes = new IdempotentWrites(core.idempotencyKeys, core.unitOfWork, JsonConfig.create());
  }

  private Answer sendBatch(String key) {
    SmsResource.Batch batch = new SmsResource.Batch(OURS, "Flash sale tonight", CAMPAIGN, TO);
    return writes.answerBatch(
        new Call("POST /api/sms/batches", key, CRM, batch),
        progress ->
            SmsResource.result(
                core.sendCrmSms()
                    .sendBatch(
                        CRM, batch.from(), batch.text(), batch.origin(), batch.to(), progress),
                key != null));
  }

  @Test
  void theAnswerListsWhatWasQueuedAndTheRetryWithTheKeySendsOnlyTheRest() throws Exception {
    downAfterQueued = 2;

    Answer cutShort = sendBatch("batch-1");

    assertThat(cutShort.status()).isEqualTo(503);
    assertThat(cutShort.retryAfterSeconds()).isEqualTo(5);
    JsonNode problem = JSON.readTree(cutShort.json());
    assertThat(problem.get("detail").asText())
        .contains("lost its database")
        .contains("2 of the batch's 4 recipients were queued")
        .contains("same Idempotency-Key")
        .doesNotContain("nothing was changed");
    assertThat(problem.get("queued").asInt()).isEqualTo(2);
    assertThat(problem.get("notSent"))
        .extracting(JsonNode::asText)
        .containsExactly(TO.get(2), TO.get(3));
    List<Long> firstIds = messageIds(problem);
    assertThat(firstIds).hasSize(2);

    db.down = false;
    assertThat(messagesTo(TO)).containsExactly(1, 1, 0, 0);
    // Cut off with the database, the request could not hand its key back: it is held a moment.
    assertThat(sendBatch("batch-1").status()).isEqualTo(409);
    clock.advance(Duration.ofSeconds(11));

    Answer resumed = sendBatch("batch-1");

    assertThat(resumed.status()).isEqualTo(202);
    JsonNode result = JSON.readTree(resumed.json());
    assertThat(result.get("queued").asInt()).isEqualTo(4);
    assertThat(messageIds(result).subList(0, 2)).isEqualTo(firstIds);
    assertThat(messagesTo(TO)).containsExactly(1, 1, 1, 1);

    Answer again = sendBatch("batch-1");
    assertThat(again.replayed()).isTrue();
    assertThat(again.json()).isEqualTo(resumed.json());
    assertThat(messagesTo(TO)).containsExactly(1, 1, 1, 1);
  }

  @Test
  void withoutAKeyTheAnswerStillSaysWhoWasSentToAndWhoWasNot() throws Exception {
    downAfterQueued = 3;

    Answer cutShort = sendBatch(null);

    assertThat(cutShort.status()).isEqualTo(503);
    JsonNode problem = JSON.readTree(cutShort.json());
    assertThat(problem.get("queued").asInt()).isEqualTo(3);
    assertThat(problem.get("recipients")).hasSize(3);
    assertThat(problem.get("notSent")).extracting(JsonNode::asText).containsExactly(TO.get(3));
    assertThat(problem.get("detail").asText())
        .contains("Send a batch of the numbers under notSent");
    db.down = false;
    assertThat(messagesTo(TO)).containsExactly(1, 1, 1, 0);
  }

  private static List<Long> messageIds(JsonNode answer) {
    List<Long> ids = new ArrayList<>();
    for (JsonNode recipient : answer.get("recipients")) {
      ids.add(recipient.get("message").get("id").asLong());
    }
    return ids;
  }

  /** How many messages each number has in its conversation. */
  private List<Integer> messagesTo(List<String> numbers) throws SQLException {
    List<Integer> counts = new ArrayList<>();
    try (Connection c = db.getConnection();
        var count =
            c.prepareStatement(
                "select count(*) from message m join conversation v on v.id = m.conversation_id"
                    + " join contact c on c.id = v.contact_id where c.phone = ?")) {
      for (String number : numbers) {
        count.setString(1, number);
        try (var rs = count.executeQuery()) {
          rs.next();
          counts.add(rs.getInt(1));
        }
      }
    }
    return counts;
  }
}
