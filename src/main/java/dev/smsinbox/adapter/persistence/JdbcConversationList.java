package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.ConversationList;
import dev.smsinbox.domain.ConversationStatus;
import dev.smsinbox.domain.ConversationSummary;
import dev.smsinbox.domain.Direction;
import dev.smsinbox.domain.LastMessage;
import dev.smsinbox.domain.ListPosition;
import dev.smsinbox.domain.TeamFilter;
import dev.smsinbox.domain.TeamState;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversation list over conversation, contact and the latest message. A page is a keyset read
 * (last activity, id) that continues after the previous page's last row; search compares the
 * contacts' search keys ({@link SearchKeys}) by prefix, so their indexes (V7_1) can serve it, and
 * from three letters on also looks for the words inside the messages' text (message.search_text,
 * the same key; on PostgreSQL a trigram index, V29_1).
 */
public class JdbcConversationList implements ConversationList {

  private final Sql sql;

  public JdbcConversationList(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  /** The shortest search that also looks in message text: a trigram index needs three letters. */
  static final int TEXT_SEARCH_MIN = 3;

  @Override
  public List<ConversationSummary> page(
      String accountId,
      String query,
      boolean unreadOnly,
      TeamFilter team,
      ListPosition after,
      int limit) {
    String select =
        "select c.id as c_id, c.unread_count, c.last_activity_at, "
            + JdbcContactRepository.COLUMNS
            + ", m.body, m.direction, m.at, c.status, c.snoozed_until, c.assignee_id,"
            + " aa.name as assignee_name";
    String joins =
        " join contact ct on ct.id = c.contact_id"
            + " left join message m on m.id = c.last_message_id"
            + " left join account_admin aa on aa.tenant_id = c.tenant_id"
            + " and aa.admin_id = c.assignee_id";
    String order = " order by c.last_activity_at desc, c.id desc fetch first ? rows only";
    List<Object> params = new ArrayList<>();
    String sqlText;
    if (query == null) {
      sqlText =
          select
              + " from conversation c"
              + joins
              + filters(accountId, unreadOnly, team, after, params)
              + order;
    } else {
      // Each way of matching is its own page, so each gets the plan that suits it (a rare name
      // through the contacts' indexes, a common word by walking the activity index, a rare word
      // through the trigram index); the union of the two pages is cut to one page.
      String key = SearchKeys.text(query);
      String hits =
          "(select c.id, c.last_activity_at from conversation c join contact ct on ct.id ="
              + " c.contact_id"
              + filters(accountId, unreadOnly, team, after, params)
              + nameMatch(query, key, params)
              + order
              + ")";
      params.add(limit);
      if (key.length() >= TEXT_SEARCH_MIN) {
        String like = "%" + Sql.likeLiteral(key) + "%";
        List<Long> few = conversationsWithText(like);
        if (few == null) {
          // Words in many messages: walking the list, the page fills after a few conversations.
          hits +=
              " union (select c.id, c.last_activity_at from conversation c"
                  + filters(accountId, unreadOnly, team, after, params)
                  + " and exists (select 1 from message t where t.conversation_id = c.id"
                  + " and t.search_text like ? escape '\\')"
                  + order
                  + ")";
          params.add(like);
          params.add(limit);
        } else if (!few.isEmpty()) {
          StringBuilder ids = new StringBuilder();
          few.stream()
              .distinct()
              .forEach(id -> ids.append(ids.length() == 0 ? "" : ",").append(id.longValue()));
          hits +=
              " union (select c.id, c.last_activity_at from conversation c"
                  + filters(accountId, unreadOnly, team, after, params)
                  + " and c.id in ("
                  + ids
                  + ")"
                  + order
                  + ")";
          params.add(limit);
        }
      }
      sqlText =
          select + " from (" + hits + ") hit join conversation c on c.id = hit.id" + joins + order;
    }
    params.add(limit);
    return sql.query(
        sqlText,
        rs -> {
          String direction = rs.getString("direction");
          LastMessage last =
              direction == null
                  ? null
                  : new LastMessage(
                      rs.getString("body"), Direction.valueOf(direction), Sql.instant(rs, "at"));
          TeamState state = JdbcTeamRepository.state(rs);
          return new ConversationSummary(
              rs.getLong("c_id"),
              JdbcContactRepository.map(rs),
              last,
              rs.getInt("unread_count"),
              Sql.instant(rs, "last_activity_at"),
              state.statusAt(team.now()),
              state.snoozedUntilAt(team.now()),
              state.assignee());
        },
        params.toArray());
  }

  /**
   * Beyond this many messages with the words, the page walks the list instead of listing them all.
   */
  static final int FEW_MESSAGES = 5000;

  /**
   * The conversations that have a message containing the words, when there are few (at most {@link
   * #FEW_MESSAGES} such messages); null when there are more. Few are found through the trigram
   * index and then sorted: walking the list instead would read thousands of conversations' messages
   * to fill a page of a rare word. Many fill a page after a short walk, where listing them all
   * would read them all. (PostgreSQL's planner cannot tell the two apart well enough for a top-30
   * page: it walks the list for words in 0.1% of the messages.) The ids are only counted and handed
   * to the page's query, which keeps the caller's account's alone (its tenant_id filter): joining
   * each message to its conversation here would double the time of this step.
   */
  private List<Long> conversationsWithText(String like) {
    List<Long> ids =
        sql.query(
            "select t.conversation_id from message t where t.search_text like ? escape '\\'"
                + " fetch first ? rows only",
            rs -> rs.getLong(1),
            like,
            FEW_MESSAGES + 1);
    return ids.size() > FEW_MESSAGES ? null : ids;
  }

  /** The account, the team filters, unread only, and the keyset position, as a where clause. */
  private static String filters(
      String accountId,
      boolean unreadOnly,
      TeamFilter team,
      ListPosition after,
      List<Object> params) {
    StringBuilder where = new StringBuilder(" where c.tenant_id = ?");
    params.add(accountId);
    teamFilter(team, where, params);
    if (unreadOnly) {
      where.append(" and c.unread_count > 0");
    }
    if (after != null) {
      where.append(" and (c.last_activity_at < ? or (c.last_activity_at = ? and c.id < ?))");
      params.add(after.lastActivityAt());
      params.add(after.lastActivityAt());
      params.add(after.id());
    }
    return where.toString();
  }

  /** A contact's first or last name, email, both names, or the ending of the number. */
  private static String nameMatch(String query, String key, List<Object> params) {
    StringBuilder where = new StringBuilder();
    String prefix = Sql.likeLiteral(key) + "%";
    where.append(
        " and (ct.search_first like ? escape '\\' or ct.search_last like ? escape '\\'"
            + " or ct.search_email like ? escape '\\'");
    params.add(prefix);
    params.add(prefix);
    params.add(prefix);
    String[] words = key.split("\\s+", 2);
    if (words.length == 2) {
      // "ann lee": first name and last name together
      where.append(
          " or (ct.search_first like ? escape '\\' and ct.search_last like ? escape '\\')");
      params.add(Sql.likeLiteral(words[0]) + "%");
      params.add(Sql.likeLiteral(words[1]) + "%");
    }
    String reversed = SearchKeys.reversedDigits(query);
    if (reversed.length() >= 3 && query.matches("[0-9+()\\s.\\-]+")) {
      where.append(" or ct.phone_reversed like ?");
      params.add(reversed + "%");
    }
    where.append(")");
    return where.toString();
  }

  /**
   * Status as people see it: OPEN includes the snoozed conversations whose time has come, SNOOZED
   * only those still asleep.
   */
  private static void teamFilter(TeamFilter team, StringBuilder where, List<Object> params) {
    if (team.status() == ConversationStatus.OPEN) {
      where.append(
          " and (c.status = 'OPEN' or (c.status = 'SNOOZED' and (c.snoozed_until is null"
              + " or c.snoozed_until <= ?)))");
      params.add(team.now());
    } else if (team.status() == ConversationStatus.SNOOZED) {
      where.append(" and c.status = 'SNOOZED' and c.snoozed_until > ?");
      params.add(team.now());
    } else if (team.status() != null) {
      where.append(" and c.status = ?");
      params.add(team.status().name());
    }
    if (team.unassigned()) {
      where.append(" and c.assignee_id is null");
    } else if (team.assigneeId() != null) {
      where.append(" and c.assignee_id = ?");
      params.add(team.assigneeId());
    }
  }

  /**
   * The account's unread messages, summed over its unread conversations only: the index (tenant_id,
   * unread_count) takes the read straight to them.
   */
  @Override
  public long totalUnread(String accountId) {
    return sql.one(
            "select coalesce(sum(unread_count), 0) from conversation"
                + " where tenant_id = ? and unread_count > 0",
            rs -> rs.getLong(1),
            accountId)
        .orElse(0L);
  }
}
