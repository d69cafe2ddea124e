package dev.smsinbox.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.domain.ConversationSummary;
import dev.smsinbox.domain.ListPosition;
import dev.smsinbox.domain.TeamFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Search in message text, page after page (issue 21): a word in every other conversation, a phrase
 * in a few, accents ignored at the bottom of the list, a word no message has, a name and words
 * together; each next page continues where the one before stopped, and another account's messages
 * with the same words never show. A guard for whoever changes how the text's page is found (the
 * trigram index, a walk of the list): the pages must stay these.
 */
class JdbcConversationListSearchTest {

  static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 3, 10, 0, 0, 0, ZoneOffset.UTC);
  static final int CONVERSATIONS = 150;
  static final int PAGE = 10;

  HikariDataSource pool;

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  /** The words of conversation i (0 is the most recently active). */
  static String textOf(int i) {
    StringBuilder text = new StringBuilder("Order ").append(1000 + i);
    if (i % 2 == 0) {
      text.append(" thanks a lot");
    }
    if (i % 23 == 0) {
      text.append(" can I pay by bank transfer?");
    }
    if (i >= 140) {
      text.append(" perché il pacco?");
    }
    return text.toString();
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void everyWayOfFindingTheWordsGivesTheSamePages(String database) throws Exception {
    pool = TestDatabases.open(database, "conversation_search_unit");
    List<Long> ids = new ArrayList<>();
    try (Connection db = pool.getConnection()) {
      long ours = number(db, "acme", "+14155550100");
      long theirs = number(db, "globex", "+14155550200");
      for (int i = 0; i < CONVERSATIONS; i++) {
        String first = i == 7 ? "Thanksgiving" : "Ann";
        ids.add(conversation(db, "acme", ours, first, "+1415555" + (3000 + i), i, textOf(i)));
        conversation(db, "globex", theirs, first, "+1415555" + (6000 + i), i, textOf(i));
      }
    }
    var unitOfWork = new JdbcUnitOfWork(pool);
    var list = new JdbcConversationList(unitOfWork);

    // thanks: every other conversation; conversation 7 by its name (Thanksgiving).
    assertPages(unitOfWork, list, "thanks", ids, i -> i % 2 == 0 || i == 7);
    // bank transfer: 7 conversations.
    assertPages(unitOfWork, list, "bank transfer", ids, i -> i % 23 == 0);
    // accents ignored, only at the bottom of the list.
    assertPages(unitOfWork, list, "perche il pacco", ids, i -> i >= 140);
    assertPages(unitOfWork, list, "xylophone", ids, i -> false);
    assertPages(unitOfWork, list, "order 1042", ids, i -> i == 42);
  }

  /** Every page of the search, one after the other, is the expected conversations in order. */
  private static void assertPages(
      JdbcUnitOfWork unitOfWork,
      JdbcConversationList list,
      String query,
      List<Long> ids,
      IntPredicate matches) {
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (matches.test(i)) {
        expected.add(ids.get(i));
      }
    }
    TeamFilter all = TeamFilter.everything(Instant.now());
    List<Long> found = new ArrayList<>();
    ListPosition after = null;
    for (int pages = 0; pages <= CONVERSATIONS / PAGE; pages++) {
      ListPosition position = after;
      List<ConversationSummary> page =
          unitOfWork.inTransaction(() -> list.page("acme", query, false, all, position, PAGE));
      page.forEach(row -> found.add(row.id()));
      if (page.size() < PAGE) {
        break;
      }
      ConversationSummary last = page.get(page.size() - 1);
      after = new ListPosition(last.lastActivityAt(), last.id());
    }
    assertThat(found).as("'" + query + "', page after page").isEqualTo(expected);
  }

  private static long number(Connection db, String account, String number) throws SQLException {
    return insert(
        db,
        "insert into sender_number (number, country, dedicated, registered, created_at,"
            + " tenant_id) values (?, 'US', true, true, ?, ?)",
        number,
        NOW,
        account);
  }

  /** Conversation i is i minutes older than the newest; two messages, the words in the second. */
  private static long conversation(
      Connection db, String account, long number, String first, String phone, int i, String text)
      throws SQLException {
    OffsetDateTime at = NOW.minusMinutes(i);
    long contact =
        insert(
            db,
            "insert into contact (first_name, phone, created_at, tenant_id, search_first,"
                + " phone_reversed) values (?, ?, ?, ?, ?, ?)",
            first,
            phone,
            NOW,
            account,
            first.toLowerCase(),
            new StringBuilder(phone.substring(1)).reverse().toString());
    long conversation =
        insert(
            db,
            "insert into conversation (contact_id, sender_number_id, last_activity_at, created_at,"
                + " tenant_id) values (?, ?, ?, ?, ?)",
            contact,
            number,
            at,
            NOW,
            account);
    for (String body : List.of("Hello", text)) {
      insert(
          db,
          "insert into message (conversation_id, direction, body, status, at, status_at,"
              + " search_text) values (?, 'INBOUND', ?, 'RECEIVED', ?, ?, ?)",
          conversation,
          body,
          at,
          at,
          body.toLowerCase().replace("é", "e"));
    }
    return conversation;
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
}
