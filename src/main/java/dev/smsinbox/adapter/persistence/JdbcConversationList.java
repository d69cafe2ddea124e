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
 * contacts' search keys ({@link SearchKeys}) by prefix, so their indexes (V7_1) can serve it.
 */
public class JdbcConversationList implements ConversationList {

  private final Sql sql;

  public JdbcConversationList(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public List<ConversationSummary> page(
      String accountId,
      String query,
      boolean unreadOnly,
      TeamFilter team,
      ListPosition after,
      int limit) {
    StringBuilder where = new StringBuilder(" where c.tenant_id = ?");
    List<Object> params = new ArrayList<>();
    params.add(accountId);
    teamFilter(team, where, params);
    if (unreadOnly) {
      where.append(" and c.unread_count > 0");
    }
    if (query != null) {
      String key = SearchKeys.text(query);
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
    }
    if (after != null) {
      where.append(" and (c.last_activity_at < ? or (c.last_activity_at = ? and c.id < ?))");
      params.add(after.lastActivityAt());
      params.add(after.lastActivityAt());
      params.add(after.id());
    }
    params.add(limit);
    return sql.query(
        "select c.id as c_id, c.unread_count, c.last_activity_at, "
            + JdbcContactRepository.COLUMNS
            + ", m.body, m.direction, m.at, c.status, c.snoozed_until, c.assignee_id,"
            + " aa.name as assignee_name"
            + " from conversation c join contact ct on ct.id = c.contact_id"
            + " left join message m on m.id = c.last_message_id"
            + " left join account_admin aa on aa.tenant_id = c.tenant_id"
            + " and aa.admin_id = c.assignee_id"
            + where
            + " order by c.last_activity_at desc, c.id desc fetch first ? rows only",
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
