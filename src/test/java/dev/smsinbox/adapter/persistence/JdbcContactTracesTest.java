package dev.smsinbox.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.application.port.ContactTraces;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The erasure of a deleted contact's copies (issue 17) on both databases, table by table, with the
 * same customer's copies in another account left alone — including the places ErasureIT cannot
 * easily reach (parts of a long SMS still waiting, an SMS journaled as the carrier wrote the
 * numbers, without the +).
 */
class JdbcContactTracesTest {

  static final String PHONE = "+14155559876";
  static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 3, 10, 0, 0, 0, ZoneOffset.UTC);

  HikariDataSource pool;

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void everyCopyOfTheContactInItsAccountGoesAndTheOtherAccountsStay(String database)
      throws Exception {
    pool = TestDatabases.open(database, "contact_traces_unit");
    long contactA;
    long conversationA;
    long messageA;
    try (Connection db = pool.getConnection()) {
      contactA = seed(db, "acme", "+14155550200", "A");
      conversationA = one(db, "select id from conversation where contact_id = " + contactA);
      messageA = one(db, "select id from message where conversation_id = " + conversationA);
      seed(db, "globex", "+14155550300", "B");
    }

    JdbcUnitOfWork unitOfWork = new JdbcUnitOfWork(pool);
    JdbcContactTraces traces = new JdbcContactTraces(unitOfWork);
    ContactTraces.Erased erased =
        unitOfWork.inTransaction(
            () -> {
              List<Long> messages = traces.messagesOf(contactA);
              assertThat(messages).containsExactly(messageA);
              return traces.erase(
                  "acme", contactA, PHONE, List.of(conversationA), List.of(messageA));
            });

    assertThat(erased).isEqualTo(new ContactTraces.Erased(2, 1, 1, 1, 1, 1, 1));
    try (Connection db = pool.getConnection()) {
      for (String table :
          List.of(
              "inbox_event",
              "integrator_dead_letter",
              "inbound_journal",
              "inbound_part",
              "unrouted_sms")) {
        assertThat(count(db, table, "A")).as(table + " of the contact's account").isZero();
        assertThat(count(db, table, "B")).as(table + " of the other account").isPositive();
      }
      assertThat(
              one(db, "select count(*) from integrator_hook_answer where message_id = " + messageA))
          .isZero();
      assertThat(one(db, "select count(*) from integrator_hook_answer")).isEqualTo(1);
      assertThat(text(db, "select answer_body from idempotency_key where caller = 'acme/x'"))
          .doesNotContain("SECRET-A")
          .doesNotContain(PHONE)
          .contains("\"status\":410");
      assertThat(one(db, "select answer_status from idempotency_key where caller = 'acme/x'"))
          .isEqualTo(410);
      assertThat(text(db, "select answer_body from idempotency_key where caller = 'globex/x'"))
          .contains("SECRET-B");
      // What is not the caller's to erase: the other account's unrelated event stays too.
      assertThat(one(db, "select count(*) from inbox_event where tenant_id = 'acme'")).isEqualTo(1);
    }
  }

  /**
   * One account's copies of the customer's texts (marked SECRET-{mark}): a contact, conversation,
   * message, events, a dead letter, a hook answer, a journal entry (numbers as the carrier wrote
   * them), a waiting part, an unfiled SMS to a one-way number, a kept answer.
   */
  private static long seed(Connection db, String account, String ours, String mark)
      throws SQLException {
    String text = "SECRET-" + mark + " hello";
    long number =
        insert(
            db,
            "insert into sender_number (number, country, dedicated, registered, created_at,"
                + " tenant_id) values (?, 'US', true, true, ?, ?)",
            ours,
            NOW,
            account);
    String oneWay = ours.substring(0, ours.length() - 1) + "9";
    insert(
        db,
        "insert into sender_number (number, country, dedicated, registered, created_at,"
            + " tenant_id) values (?, 'US', false, false, ?, ?)",
        oneWay,
        NOW,
        account);
    long contact =
        insert(
            db,
            "insert into contact (phone, created_at, tenant_id) values (?, ?, ?)",
            PHONE,
            NOW,
            account);
    long conversation =
        insert(
            db,
            "insert into conversation (contact_id, sender_number_id, last_activity_at, created_at,"
                + " tenant_id) values (?, ?, ?, ?, ?)",
            contact,
            number,
            NOW,
            NOW,
            account);
    long message =
        insert(
            db,
            "insert into message (conversation_id, direction, body, status, at, status_at)"
                + " values (?, 'INBOUND', ?, 'RECEIVED', ?, ?)",
            conversation,
            text,
            NOW,
            NOW);
    String received =
        "{\"accountId\":\""
            + account
            + "\",\"conversationId\":"
            + conversation
            + ",\"from\":\""
            + PHONE
            + "\",\"message\":{\"id\":"
            + message
            + ",\"text\":\""
            + text
            + "\"}}";
    long event =
        insert(
            db,
            "insert into inbox_event (type, payload, created_at, conversation_id, tenant_id)"
                + " values ('sms.received', ?, ?, ?, ?)",
            received,
            NOW,
            conversation,
            account);
    // An event tied to no conversation that names the contact, and one that does not.
    insert(
        db,
        "insert into inbox_event (type, payload, created_at, tenant_id) values"
            + " ('automation.enrolled', ?, ?, ?)",
        "{\"accountId\":\""
            + account
            + "\",\"contactId\":"
            + contact
            + ",\"mark\":\""
            + mark
            + "\"}",
        NOW,
        account);
    insert(
        db,
        "insert into inbox_event (type, payload, created_at, tenant_id) values"
            + " ('unread.count', ?, ?, ?)",
        "{\"accountId\":\"" + account + "\",\"unread\":3}",
        NOW,
        account);
    insert(
        db,
        "insert into integrator_dead_letter (route_id, event_id, event_type, payload, error,"
            + " attempts, failed_at) values ('r', ?, 'sms.received', ?, 'down', 3, ?)",
        event,
        received,
        NOW);
    insert(
        db,
        "insert into integrator_hook_answer (route_id, event_id, message_id, tag, answered_at)"
            + " values ('h', ?, ?, 'vip', ?)",
        event,
        message,
        NOW);
    insert(
        db,
        "insert into inbound_journal (source_number, dest_number, body, segments, encoding,"
            + " incomplete, received_at) values (?, ?, ?, 1, 'GSM7', false, ?)",
        PHONE.substring(1),
        ours.substring(1),
        text,
        NOW);
    insert(
        db,
        "insert into inbound_part (source_number, dest_number, reference, total, sequence, body,"
            + " encoding, received_at) values (?, ?, 7, 2, 1, ?, 'GSM7', ?)",
        PHONE,
        ours,
        text,
        NOW);
    insert(
        db,
        "insert into unrouted_sms (source_number, dest_number, body, segments, encoding,"
            + " incomplete, received_at, reason, fingerprint) values (?, ?, ?, 1, 'GSM7', false,"
            + " ?, 'not two-way', 'f')",
        PHONE,
        oneWay,
        text,
        NOW);
    insert(
        db,
        "insert into idempotency_key (endpoint, caller, idem_key, request_hash, answer_status,"
            + " answer_body, created_at) values ('POST /api/sms/messages', ?, 'k', 'h', 202, ?, ?)",
        account + "/x",
        "{\"to\":\"" + PHONE + "\",\"message\":{\"text\":\"" + text + "\"}}",
        NOW);
    return contact;
  }

  /** Rows of the table whose text columns hold SECRET-{mark} (events: the account's by mark). */
  private static long count(Connection db, String table, String mark) throws SQLException {
    String column =
        switch (table) {
          case "inbox_event", "integrator_dead_letter" -> "payload";
          default -> "body";
        };
    return one(
        db,
        "select count(*) from "
            + table
            + " where "
            + column
            + " like '%SECRET-"
            + mark
            + "%' or "
            + column
            + " like '%\"mark\":\""
            + mark
            + "\"%'");
  }

  private static long insert(Connection db, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        return keys.next() ? keys.getLong(1) : 0;
      }
    }
  }

  private static long one(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String text(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
