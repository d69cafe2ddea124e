package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.application.port.ReportFigures;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.NewInboundMessage;
import dev.smsinbox.domain.Origin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports' counts (V28): every write that a report counts appends a fact to report_delta in its
 * own transaction; {@link #compact} folds the facts into report_tally per 15-minute slot, number,
 * admin and measure; a report sums the tally and the facts not folded yet, per local day.
 */
public class JdbcReportTally implements ReportFigures {

  /** Slots of 15 minutes: every time zone's offset from UTC is a multiple of them. */
  static final long SLOT_SECONDS = 900;

  private static final int FOLD_BATCH = 5_000;
  private static final String TAB = "\t";

  private final Sql sql;

  public JdbcReportTally(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  static Instant slot(Instant at) {
    long s = at.getEpochSecond();
    return Instant.ofEpochSecond(s - Math.floorMod(s, SLOT_SECONDS));
  }

  // ---- counting, in the writer's transaction ------------------------------------------------

  /** A fact of a conversation (an inbound message, its keyword, the answer it got). */
  void countInConversation(
      long conversationId, Instant at, String adminId, String measure, String detail, long n) {
    sql.update(
        "insert into report_delta (tenant_id, slot_at, sender_number_id, admin_id, measure,"
            + " detail, n) select c.tenant_id, ?, c.sender_number_id, ?, ?, ?, ?"
            + " from conversation c where c.id = ?",
        slot(at),
        adminId == null ? "" : adminId,
        measure,
        clip(detail),
        n,
        conversationId);
  }

  /** A fact of an outbound message, counted for the admin who sent it. */
  void countForMessage(long messageId, Instant at, String measure, String detail, long n) {
    sql.update(
        "insert into report_delta (tenant_id, slot_at, sender_number_id, admin_id, measure,"
            + " detail, n) select c.tenant_id, ?, c.sender_number_id, coalesce(m.sent_by_id, ''),"
            + " ?, ?, ? from message m join conversation c on c.id = m.conversation_id"
            + " where m.id = ?",
        slot(at),
        measure,
        clip(detail),
        n,
        messageId);
  }

  /** An inbound fact of a stored message (its keyword), on the day it came in. */
  void countInbound(long messageId, String measure) {
    sql.one(
            "select conversation_id, at from message where id = ?",
            rs -> new Object[] {rs.getLong(1), Sql.instant(rs, "at")},
            messageId)
        .ifPresent(r -> countInConversation((Long) r[0], (Instant) r[1], "", measure, "", 1));
  }

  /**
   * A batch of customers' SMS filed together: counted, what they answer credited, as one row a
   * number, slot and measure rather than a row a message (a busy link files a hundred at once). The
   * conversations' waiting for an answer is kept with their activity ({@code recordActivity}).
   */
  void inboundCounted(List<NewInboundMessage> messages) {
    Map<Key, Long> counts = new LinkedHashMap<>();
    for (NewInboundMessage m : messages) {
      Instant slot = slot(m.at());
      counts.merge(
          new Key(m.accountId(), slot, m.senderNumberId(), "", "inbound", ""), 1L, Long::sum);
      if (m.inReplyTo() != null
          && m.inReplyTo().origin() != null
          && m.inReplyTo().origin().attributable()) {
        counts.merge(
            new Key(
                m.accountId(),
                slot,
                m.senderNumberId(),
                "",
                "origin_reply",
                clip(origin(m.inReplyTo().origin()))),
            1L,
            Long::sum);
      }
    }
    List<Object[]> rows = new ArrayList<>(counts.size());
    counts.forEach(
        (k, n) ->
            rows.add(new Object[] {k.tenant(), k.slot(), k.number(), k.measure(), k.detail(), n}));
    sql.batch(
        "insert into report_delta (tenant_id, slot_at, sender_number_id, admin_id, measure,"
            + " detail, n) values (?, ?, ?, '', ?, ?, ?)",
        rows);
  }

  /** Inbound messages: counted, what they answer credited, the conversation now waiting. */
  void inboundFiled(List<dev.smsinbox.domain.Message> messages) {
    List<Object[]> counts = new ArrayList<>();
    List<Object[]> waits = new ArrayList<>();
    for (dev.smsinbox.domain.Message m : messages) {
      counts.add(new Object[] {slot(m.at()), "inbound", "", m.conversationId()});
      if (m.inReplyTo() != null
          && m.inReplyTo().origin() != null
          && m.inReplyTo().origin().attributable()) {
        counts.add(
            new Object[] {
              slot(m.at()), "origin_reply", clip(origin(m.inReplyTo().origin())), m.conversationId()
            });
      }
      waits.add(new Object[] {m.at(), m.conversationId()});
    }
    sql.batch(
        "insert into report_delta (tenant_id, slot_at, sender_number_id, admin_id, measure,"
            + " detail, n) select c.tenant_id, ?, c.sender_number_id, '', ?, ?, 1"
            + " from conversation c where c.id = ?",
        counts);
    sql.batch(
        "update conversation set awaiting_since = ? where id = ? and awaiting_since is null",
        waits);
  }

  /**
   * A person's reply: when the conversation was waiting, its first response (the seconds since the
   * first message it answers), counted for whoever replied.
   */
  void replied(long conversationId, Instant at, String adminId) {
    Instant since =
        sql.one(
                "select awaiting_since from conversation where id = ?",
                // Wrapped: a conversation that waits for nobody has a null here.
                rs -> java.util.Optional.ofNullable(Sql.instant(rs, "awaiting_since")),
                conversationId)
            .flatMap(waiting -> waiting)
            .orElse(null);
    if (since == null) {
      return;
    }
    sql.update("update conversation set awaiting_since = null where id = ?", conversationId);
    long seconds = Math.max(0, java.time.Duration.between(since, at).getSeconds());
    countInConversation(conversationId, at, adminId, "first_response", Long.toString(seconds), 1);
  }

  /** An outbound message leaving the outbox (queued, or released from its schedule). */
  void outboundQueued(long messageId, Instant at, Origin origin) {
    countForMessage(messageId, at, "outbound", "", 1);
    if (origin != null && origin.attributable()) {
      countForMessage(messageId, at, "origin_sent", origin(origin), 1);
    }
  }

  /** A final outcome the carrier (or the outbox) gave an outbound message. */
  void outcome(long messageId, MessageStatus status, String error, Instant at) {
    String measure =
        switch (status) {
          case DELIVERED -> "delivered";
          case EXPIRED -> "expired";
          case FAILED, REJECTED -> "failed";
          default -> null;
        };
    if (measure == null) {
      return;
    }
    countForMessage(messageId, at, measure, "", 1);
    if (!"delivered".equals(measure) && error != null && !error.isBlank()) {
      countForMessage(messageId, at, "error", error, 1);
    }
  }

  static String origin(Origin origin) {
    return origin.type().name()
        + TAB
        + (origin.id() == null ? "" : origin.id())
        + TAB
        + (origin.name() == null ? "" : origin.name());
  }

  private static String clip(String detail) {
    return detail == null ? "" : detail.length() > 500 ? detail.substring(0, 500) : detail;
  }

  // ---- folding --------------------------------------------------------------------------------

  private record Key(
      String tenant, Instant slot, long number, String admin, String measure, String detail) {}

  @Override
  public int compact() {
    // One folder at a time across servers: the lock on the single report_compaction row.
    sql.update("update report_compaction set compacted_at = ? where id = 1", Instant.now());
    List<Long> ids = new ArrayList<>();
    Map<Key, Long> sums = new LinkedHashMap<>();
    sql.query(
        "select id, tenant_id, slot_at, sender_number_id, admin_id, measure, detail, n"
            + " from report_delta order by id fetch first ? rows only",
        rs -> {
          ids.add(rs.getLong("id"));
          Key key =
              new Key(
                  rs.getString("tenant_id"),
                  Sql.instant(rs, "slot_at"),
                  rs.getLong("sender_number_id"),
                  rs.getString("admin_id"),
                  rs.getString("measure"),
                  rs.getString("detail"));
          return sums.merge(key, rs.getLong("n"), Long::sum);
        },
        FOLD_BATCH);
    for (Map.Entry<Key, Long> e : sums.entrySet()) {
      Key k = e.getKey();
      int updated =
          sql.update(
              "update report_tally set n = n + ? where tenant_id = ? and slot_at = ?"
                  + " and sender_number_id = ? and admin_id = ? and measure = ? and detail = ?",
              e.getValue(),
              k.tenant(),
              k.slot(),
              k.number(),
              k.admin(),
              k.measure(),
              k.detail());
      if (updated == 0) {
        sql.update(
            "insert into report_tally (tenant_id, slot_at, sender_number_id, admin_id, measure,"
                + " detail, n) values (?, ?, ?, ?, ?, ?, ?)",
            k.tenant(),
            k.slot(),
            k.number(),
            k.admin(),
            k.measure(),
            k.detail(),
            e.getValue());
      }
    }
    sql.batch(
        "delete from report_delta where id = ?",
        ids.stream().map(id -> new Object[] {id}).toList());
    return ids.size();
  }

  // ---- reading --------------------------------------------------------------------------------

  @Override
  public Long numberId(String accountId, String e164) {
    return sql.one(
            "select id from sender_number where tenant_id = ? and number = ?",
            rs -> rs.getLong(1),
            accountId,
            e164)
        .orElse(null);
  }

  @Override
  public boolean knowsAdmin(String accountId, String adminId) {
    return sql.one(
            "select 1 from account_admin where tenant_id = ? and admin_id = ?",
            rs -> true,
            accountId,
            adminId)
        .isPresent();
  }

  @Override
  public java.util.Optional<String> timeZone(String accountId) {
    return sql.one(
        "select time_zone from account_time_zone where tenant_id = ?",
        rs -> rs.getString(1),
        accountId);
  }

  @Override
  public void saveTimeZone(String accountId, String zoneId, Instant at) {
    if (sql.update(
            "update account_time_zone set time_zone = ?, updated_at = ? where tenant_id = ?",
            zoneId,
            at,
            accountId)
        == 0) {
      sql.update(
          "insert into account_time_zone (tenant_id, time_zone, updated_at) values (?, ?, ?)",
          accountId,
          zoneId,
          at);
    }
  }

  @Override
  public List<Sum> sums(Query q) {
    List<Sum> sums = new ArrayList<>();
    for (String table : List.of("report_tally", "report_delta")) {
      List<Object> params = new ArrayList<>();
      String day = dayIndex("slot_at", q.dayStarts(), params);
      params.add(q.accountId());
      params.add(q.dayStarts().get(0));
      params.add(q.dayStarts().get(q.dayStarts().size() - 1));
      String filters = "";
      if (q.numberId() != null) {
        filters += " and sender_number_id = ?";
        params.add(q.numberId());
      }
      if (q.adminId() != null) {
        // An admin's report: what they did, beside what came in (which nobody did).
        filters +=
            " and (admin_id = ? or (admin_id = '' and measure in"
                + " ('inbound', 'opt_out', 'opt_in', 'origin_reply')))";
        params.add(q.adminId());
      }
      sums.addAll(
          sql.query(
              "select d, measure, detail, sum(n) from (select "
                  + day
                  + " as d, measure, detail, n from "
                  + table
                  + " where tenant_id = ? and slot_at >= ? and slot_at < ?"
                  + filters
                  + ") t group by d, measure, detail",
              rs -> new Sum(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
              params.toArray()));
    }
    // Resolved conversations: the team inbox's audit entries (issue 21), by whoever resolved.
    List<Object> params = new ArrayList<>();
    String day = dayIndex("a.at", q.dayStarts(), params);
    params.add(q.accountId());
    params.add(q.dayStarts().get(0));
    params.add(q.dayStarts().get(q.dayStarts().size() - 1));
    String filters = "";
    if (q.numberId() != null) {
      filters +=
          " and exists (select 1 from conversation c where c.id = a.conversation_id"
              + " and c.sender_number_id = ?)";
      params.add(q.numberId());
    }
    if (q.adminId() != null) {
      filters += " and a.actor_id = ?";
      params.add(q.adminId());
    }
    sums.addAll(
        sql.query(
            "select d, count(*) from (select "
                + day
                + " as d from audit_entry a where a.tenant_id = ? and a.action = 'conversation.status'"
                + " and a.at >= ? and a.at < ? and a.detail = 'Resolved'"
                + filters
                + ") t group by d",
            rs -> new Sum(rs.getInt(1), "resolved", "", rs.getLong(2)),
            params.toArray()));
    return sums;
  }

  /** The index of the local day a time falls in: a CASE over the days' ends, as bound values. */
  private static String dayIndex(String column, List<Instant> dayStarts, List<Object> params) {
    StringBuilder day = new StringBuilder("case");
    for (int i = 1; i < dayStarts.size(); i++) {
      day.append(" when ").append(column).append(" < ? then ").append(i - 1);
      params.add(dayStarts.get(i));
    }
    return day.append(" end").toString();
  }
}
