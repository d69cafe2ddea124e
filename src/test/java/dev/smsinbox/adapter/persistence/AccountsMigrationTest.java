package dev.smsinbox.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upgrading an inbox of one account to accounts (V17): every row written before belongs to
 * DEFAULT_ACCOUNT afterwards — none lost, none left without an account — and the inbox reads it as
 * that account's, and as no other's.
 */
class AccountsMigrationTest {

  private static final String SCHEMA = "inbox_unit_accounts";

  private HikariDataSource pool;

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void todaysRowsMoveIntoTheDefaultAccountWithoutLosingOne(String database) throws Exception {
    pool = TestDatabases.open(database, SCHEMA, "16");
    sql(
        "insert into sender_number (number, country, dedicated, registered, created_at)"
            + " values ('+14155550100', 'US', true, true, current_timestamp)",
        "insert into contact (first_name, last_name, phone, created_at)"
            + " values ('Ann', 'Lee', '+14155550101', current_timestamp)",
        "insert into conversation (contact_id, sender_number_id, last_activity_at, unread_count,"
            + " created_at) select c.id, s.id, current_timestamp, 2, current_timestamp"
            + " from contact c, sender_number s",
        "insert into message (conversation_id, direction, body, status, segments, at, status_at)"
            + " select id, 'INBOUND', 'Hello', 'RECEIVED', 1, current_timestamp,"
            + " current_timestamp from conversation",
        "update credit_account set balance = 42 where id = 1",
        "insert into credit_entry (delta, balance_after, reason, created_at)"
            + " values (42, 42, 'Top-up', current_timestamp)",
        "insert into opt_out (phone, keyword, opted_out_at)"
            + " values ('+14155550109', 'STOP', current_timestamp)",
        "insert into tag (name, name_key, created_at) values ('VIP', 'vip', current_timestamp)",
        "insert into inbox_settings (account_id, draft_reply, conversation_summary,"
            + " mistakes_acknowledged, tone_role, updated_at)"
            + " values ('default', true, false, true, 'FRIENDLY', current_timestamp)",
        "insert into inbox_settings_faq (account_id, ordinal, question, answer)"
            + " values ('default', 0, 'Hours?', '9 to 5')",
        "insert into inbox_event (type, payload, created_at)"
            + " values ('message.received', '{}', current_timestamp)");

    TestDatabases.migrate(pool, database, SCHEMA, Map.of("defaultAccount", "acme"));

    for (String table :
        List.of("sender_number", "contact", "conversation", "credit_entry", "opt_out", "tag")) {
      assertThat(strings("select tenant_id from " + table)).as(table).containsExactly("acme");
    }
    assertThat(strings("select tenant_id from inbox_event")).containsExactly("acme");
    assertThat(strings("select body from message")).containsExactly("Hello");
    assertThat(strings("select tenant_id || '=' || balance from credit_balance"))
        .containsExactly("acme=42");
    assertThat(strings("select account_id from inbox_settings")).containsExactly("acme");
    assertThat(strings("select account_id || ':' || answer from inbox_settings_faq"))
        .containsExactly("acme:9 to 5");

    JdbcUnitOfWork unitOfWork = new JdbcUnitOfWork(pool);
    var contacts = new JdbcContactRepository(unitOfWork);
    var list = new JdbcConversationList(unitOfWork);
    var optOuts = new JdbcOptOutRepository(unitOfWork);
    var credits = new JdbcCreditLedger(unitOfWork);
    unitOfWork.run(
        () -> {
          assertThat(contacts.findByPhone("acme", "+14155550101")).isPresent();
          assertThat(contacts.findByPhone("default", "+14155550101")).isEmpty();
          assertThat(list.page("acme", null, false, null, 10)).hasSize(1);
          assertThat(list.page("globex", null, false, null, 10)).isEmpty();
          assertThat(list.totalUnread("acme")).isEqualTo(2);
          assertThat(list.totalUnread("globex")).isZero();
          assertThat(optOuts.find("acme", "+14155550109")).isPresent();
          assertThat(optOuts.find("globex", "+14155550109")).isEmpty();
          assertThat(credits.balance("acme")).isEqualTo(42);
          assertThat(credits.balance("globex")).isZero();
        });
  }

  private void sql(String... statements) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private List<String> strings(String query) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      List<String> values = new java.util.ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }
}
