package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.application.port.ReportFigures;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.NewInboundMessage;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.domain.WorkingHours;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reports' counts (V28): every write that a report counts appends a fact to report_delta in its
 * own transaction; {@link #compact} folds the facts into report_tally per 15-minute slot, number,
 * admin and measure, and into report_day per local day of the account's zone (V32); a report sums
 * the days (or, while report_day is not built for the account's zone, the slots) and the facts not
 * folded yet.
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
    String admin = adminId == null ? "" : adminId;
    Object[] conversation =
        sql.one(
                "select tenant_id, sender_number_id from conversation where id = ?",
                rs -> new Object[] {rs.getString(1), rs.getLong(2)},
                conversationId)
            .orElseThrow();
    String tenant = (String) conversation[0];
    sql.update(
        "insert into report_response (tenant_id, sender_number_id, admin_id, since_at,"
            + " replied_at) values (?, ?, ?, ?, ?)",
        tenant,
        conversation[1],
        admin,
        since,
        at);
    // The working time, in the zone the roll-up is counted in. The row lock makes a change of
    // hours or zone (rebuild, which takes it too) wait for this reply, or this reply for it, so
    // no response is counted with hours that no longer hold.
    Optional<String> zone =
        sql.one(
            "select time_zone from report_roll_up where tenant_id = ? for update",
            rs -> rs.getString(1),
            tenant);
    if (zone.isEmpty()) {
      return; // not built yet: the first rebuild counts it from report_response
    }
    WorkingHours hours = workingHours(tenant);
    if (!hours.always()) {
      long work = hours.seconds(since, at, ZoneId.of(zone.get()));
      countInConversation(conversationId, at, adminId, WORK_RESPONSE, Long.toString(work), 1);
    }
  }

  static final String WORK_RESPONSE = "work_response";

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
    // The same facts per local day, for the accounts whose roll-up is built (the others get theirs
    // from the tally when it is).
    Map<String, Optional<ZoneId>> zones = new HashMap<>();
    Map<DayKey, Long> days = new LinkedHashMap<>();
    for (Map.Entry<Key, Long> e : sums.entrySet()) {
      Key k = e.getKey();
      Optional<ZoneId> zone = zones.computeIfAbsent(k.tenant(), t -> rollUpZone(t).map(ZoneId::of));
      zone.ifPresent(
          z ->
              days.merge(
                  new DayKey(
                      k.tenant(),
                      k.slot().atZone(z).toLocalDate(),
                      k.number(),
                      k.admin(),
                      k.measure(),
                      k.detail()),
                  e.getValue(),
                  Long::sum));
    }
    addToDays(days);
    sql.batch(
        "delete from report_delta where id = ?",
        ids.stream().map(id -> new Object[] {id}).toList());
    return ids.size();
  }

  private record DayKey(
      String tenant, LocalDate day, long number, String admin, String measure, String detail) {}

  private void addToDays(Map<DayKey, Long> days) {
    for (Map.Entry<DayKey, Long> e : days.entrySet()) {
      DayKey k = e.getKey();
      int updated =
          sql.update(
              "update report_day set n = n + ? where tenant_id = ? and local_day = ?"
                  + " and sender_number_id = ? and admin_id = ? and measure = ? and detail = ?",
              e.getValue(),
              k.tenant(),
              k.day(),
              k.number(),
              k.admin(),
              k.measure(),
              k.detail());
      if (updated == 0) {
        sql.update(
            "insert into report_day (tenant_id, local_day, sender_number_id, admin_id, measure,"
                + " detail, n) values (?, ?, ?, ?, ?, ?, ?)",
            k.tenant(),
            k.day(),
            k.number(),
            k.admin(),
            k.measure(),
            k.detail(),
            e.getValue());
      }
    }
  }

  // ---- the roll-up and working time (V32) -----------------------------------------------------

  @Override
  public List<AccountZones> accounts() {
    return sql.query(
        "select a.tenant_id, z.time_zone, r.time_zone from"
            + " (select distinct tenant_id from sender_number) a"
            + " left join account_time_zone z on z.tenant_id = a.tenant_id"
            + " left join report_roll_up r on r.tenant_id = a.tenant_id order by a.tenant_id",
        rs -> new AccountZones(rs.getString(1), rs.getString(2), rs.getString(3)));
  }

  @Override
  public Optional<String> rollUpZone(String accountId) {
    return sql.one(
        "select time_zone from report_roll_up where tenant_id = ?",
        rs -> rs.getString(1),
        accountId);
  }

  @Override
  public void rebuild(String accountId, ZoneId zone, WorkingHours hours) {
    // After the folding's lock, so no fold runs between reading the tally and writing the days;
    // then the account's roll-up row, which replies take before counting their working time.
    sql.update("update report_compaction set compacted_at = ? where id = 1", Instant.now());
    if (sql.update(
            "update report_roll_up set time_zone = ?, built_at = ? where tenant_id = ?",
            zone.getId(),
            Instant.now(),
            accountId)
        == 0) {
      sql.update(
          "insert into report_roll_up (tenant_id, time_zone, built_at) values (?, ?, ?)",
          accountId,
          zone.getId(),
          Instant.now());
    }
    sql.update(
        "delete from report_delta where tenant_id = ? and measure = ?", accountId, WORK_RESPONSE);
    sql.update(
        "delete from report_tally where tenant_id = ? and measure = ?", accountId, WORK_RESPONSE);
    if (!hours.always()) {
      Map<Key, Long> work = new LinkedHashMap<>();
      sql.query(
          "select sender_number_id, admin_id, since_at, replied_at from report_response"
              + " where tenant_id = ?",
          rs -> {
            Instant at = Sql.instant(rs, "replied_at");
            long seconds = hours.seconds(Sql.instant(rs, "since_at"), at, zone);
            return work.merge(
                new Key(
                    accountId,
                    slot(at),
                    rs.getLong(1),
                    rs.getString(2),
                    WORK_RESPONSE,
                    Long.toString(seconds)),
                1L,
                Long::sum);
          },
          accountId);
      List<Object[]> rows = new ArrayList<>();
      work.forEach(
          (k, n) ->
              rows.add(
                  new Object[] {
                    k.tenant(), k.slot(), k.number(), k.admin(), k.measure(), k.detail(), n
                  }));
      sql.batch(
          "insert into report_tally (tenant_id, slot_at, sender_number_id, admin_id, measure,"
              + " detail, n) values (?, ?, ?, ?, ?, ?, ?)",
          rows);
    }
    sql.update("delete from report_day where tenant_id = ?", accountId);
    Map<DayKey, Long> days = new HashMap<>();
    sql.query(
        "select slot_at, sender_number_id, admin_id, measure, detail, n from report_tally"
            + " where tenant_id = ?",
        rs ->
            days.merge(
                new DayKey(
                    accountId,
                    Sql.instant(rs, "slot_at").atZone(zone).toLocalDate(),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)),
                rs.getLong(6),
                Long::sum),
        accountId);
    List<Object[]> rows = new ArrayList<>();
    days.forEach(
        (k, n) ->
            rows.add(
                new Object[] {
                  k.tenant(), k.day(), k.number(), k.admin(), k.measure(), k.detail(), n
                }));
    sql.batch(
        "insert into report_day (tenant_id, local_day, sender_number_id, admin_id, measure,"
            + " detail, n) values (?, ?, ?, ?, ?, ?, ?)",
        rows);
  }

  @Override
  public WorkingHours workingHours(String accountId) {
    return sql.one(
            "select shifts from account_working_hours where tenant_id = ?",
            rs -> parseShifts(rs.getString(1)),
            accountId)
        .orElse(WorkingHours.ALWAYS);
  }

  @Override
  public void saveWorkingHours(String accountId, WorkingHours hours, Instant at) {
    sql.update("delete from account_working_hours where tenant_id = ?", accountId);
    if (!hours.always()) {
      sql.update(
          "insert into account_working_hours (tenant_id, shifts, updated_at) values (?, ?, ?)",
          accountId,
          formatShifts(hours),
          at);
    }
  }

  /** "MONDAY 09:00 18:00,TUESDAY 09:00 18:00": the shifts as the column keeps them. */
  static String formatShifts(WorkingHours hours) {
    StringBuilder out = new StringBuilder();
    for (WorkingHours.Shift s : hours.shifts()) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(s.day()).append(' ').append(s.from()).append(' ').append(s.to());
    }
    return out.toString();
  }

  static WorkingHours parseShifts(String text) {
    List<WorkingHours.Shift> shifts = new ArrayList<>();
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] f = part.trim().split(" ");
      shifts.add(
          new WorkingHours.Shift(
              DayOfWeek.valueOf(f[0]), LocalTime.parse(f[1]), LocalTime.parse(f[2])));
    }
    return new WorkingHours(shifts);
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
    boolean rolledUp = rollUpZone(q.accountId()).filter(q.zone().getId()::equals).isPresent();
    boolean working = !q.hours().always();
    if (rolledUp) {
      // The days as the folding keeps them: a few hundred rows for a month.
      List<Object> params = new ArrayList<>();
      params.add(q.accountId());
      params.add(q.first());
      params.add(q.first().plusDays(q.dayStarts().size() - 2L));
      String filters = filters(q, params);
      LocalDate first = q.first();
      sums.addAll(
          sql.query(
              "select local_day, measure, detail, sum(n) from report_day"
                  + " where tenant_id = ? and local_day >= ? and local_day <= ?"
                  + filters
                  + " group by local_day, measure, detail",
              rs ->
                  new Sum(
                      (int) ChronoUnit.DAYS.between(first, rs.getObject(1, LocalDate.class)),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getLong(4)),
              params.toArray()));
    }
    for (String table :
        rolledUp ? List.of("report_delta") : List.of("report_tally", "report_delta")) {
      List<Object> params = new ArrayList<>();
      String day = dayIndex("slot_at", q.dayStarts(), params);
      params.add(q.accountId());
      params.add(q.dayStarts().get(0));
      params.add(q.dayStarts().get(q.dayStarts().size() - 1));
      String filters = filters(q, params);
      if (!rolledUp) {
        // Counted in another zone (or not yet): the responses as they happened say it below.
        filters += " and measure <> '" + WORK_RESPONSE + "'";
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
    if (working && !rolledUp) {
      sums.addAll(workResponses(q));
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

  private static String filters(Query q, List<Object> params) {
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
    return filters;
  }

  /**
   * The working time of each first response of the period, from the responses as they happened
   * (while the roll-up is being built for the account's zone).
   */
  private List<Sum> workResponses(Query q) {
    List<Object> params = new ArrayList<>();
    params.add(q.accountId());
    params.add(q.dayStarts().get(0));
    params.add(q.dayStarts().get(q.dayStarts().size() - 1));
    String filters = "";
    if (q.numberId() != null) {
      filters += " and sender_number_id = ?";
      params.add(q.numberId());
    }
    if (q.adminId() != null) {
      filters += " and admin_id = ?";
      params.add(q.adminId());
    }
    List<Instant> starts = q.dayStarts();
    return sql.query(
        "select since_at, replied_at from report_response"
            + " where tenant_id = ? and replied_at >= ? and replied_at < ?"
            + filters,
        rs -> {
          Instant at = Sql.instant(rs, "replied_at");
          int day = 0;
          while (day + 1 < starts.size() - 1 && !at.isBefore(starts.get(day + 1))) {
            day++;
          }
          long seconds = q.hours().seconds(Sql.instant(rs, "since_at"), at, q.zone());
          return new Sum(day, WORK_RESPONSE, Long.toString(seconds), 1);
        },
        params.toArray());
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
