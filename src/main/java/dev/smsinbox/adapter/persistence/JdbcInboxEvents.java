package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.DatabaseNotices;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.application.port.InboxEventLog;
import dev.smsinbox.application.port.InboxEvents;
import jakarta.json.bind.Jsonb;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Live events: written to inbox_event in the caller's transaction, read back in an order that no
 * event committed later can slip in before (see {@link InboxEventLog}; the schema side is
 * V13__events_in_commit_order.sql).
 *
 * <p>A transaction's events are gathered and inserted last, just before its commit, in one
 * statement whatever their number. Then, per database:
 *
 * <ul>
 *   <li><b>H2</b>: the insert first takes the row lock of the one-row table {@code
 *       inbox_event_turn}, which the transaction holds until it has committed. Transactions that
 *       publish therefore insert and commit their events one after the other, so ids are taken in
 *       commit order, and a reader that goes by id never has an id below its own come in later. The
 *       lock is taken last, after every other lock the transaction holds, and its holder waits for
 *       nothing but its own insert and commit: it cannot deadlock, and it is held for microseconds
 *       (H2 is the single-node embedded default).
 *   <li><b>PostgreSQL</b>: no lock; publishing transactions commit side by side. Each event keeps
 *       the number of the transaction that wrote it (column {@code tx}, by default {@code
 *       pg_current_xact_id()}), and readers go by (tx, id) and only below the oldest transaction
 *       still under way ({@code pg_snapshot_xmin}): every transaction below it has ended, and every
 *       one that has not ended, or has yet to start, is at or above it — so nothing can ever be
 *       added before what a reader has read. The price: an event waits to be read until every
 *       writing transaction that started before its own has ended (on the whole server).
 * </ul>
 */
public class JdbcInboxEvents implements InboxEvents, InboxEventLog {

  /** How many old events one transaction of the purge deletes on PostgreSQL. */
  static final int PURGE_CHUNK = 10_000;

  private final JdbcUnitOfWork unitOfWork;
  private final Sql sql;
  private final Jsonb json;
  private final Clock clock;
  private final BiConsumer<String, String> onCommit;

  /**
   * @param onCommit told of each event (type, JSON) once its transaction committed, so it is pushed
   *     at once
   */
  public JdbcInboxEvents(
      JdbcUnitOfWork unitOfWork, Jsonb json, Clock clock, BiConsumer<String, String> onCommit) {
    this.unitOfWork = unitOfWork;
    this.sql = new Sql(unitOfWork);
    this.json = json;
    this.clock = clock;
    this.onCommit = onCommit;
  }

  @Override
  public void publish(String accountId, String type, Object payload) {
    publishAll(accountId, type, List.of(payload));
  }

  @Override
  public void publishAll(String accountId, String type, List<?> payloads) {
    Instant now = clock.instant();
    List<Object[]> rows = unitOfWork.gatherUntilCommit(this, ArrayList::new, this::insert);
    for (Object payload : payloads) {
      String body = withAccount(accountId, json.toJson(payload));
      rows.add(new Object[] {type, body, now, conversationOf(payload), accountId});
      unitOfWork.afterCommit(() -> onCommit.accept(type, body));
    }
  }

  /** The transaction's events, last before its commit (see the class comment). */
  private void insert(List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    if (!unitOfWork.postgres()) {
      sql.update("update inbox_event_turn set turns = turns + 1");
      sql.batch(
          "insert into inbox_event (type, payload, created_at, conversation_id, tenant_id)"
              + " values (?, ?, ?, ?, ?)",
          rows);
    } else {
      insertAsArrays(rows);
      // Wakes the readers of every instance on this database once the transaction commits (one
      // notice a transaction, whatever its events): the screens and integrators' routes of the
      // others hear at once what was filed or sent here.
      DatabaseNotices.notify(sql, DatabaseNotices.EVENTS, "");
    }
  }

  /**
   * PostgreSQL: a transaction's events as one insert over arrays, a column each (a filing batch
   * announces each of its SMS), their ids in the order they were published.
   */
  private void insertAsArrays(List<Object[]> rows) {
    List<Object> type = new ArrayList<>(rows.size());
    List<Object> payload = new ArrayList<>(rows.size());
    List<Object> createdAt = new ArrayList<>(rows.size());
    List<Object> conversation = new ArrayList<>(rows.size());
    List<Object> tenant = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      type.add(row[0]);
      payload.add(row[1]);
      createdAt.add(Sql.utc((Instant) row[2]).toString());
      conversation.add(row[3]);
      tenant.add(row[4]);
    }
    sql.update(
        "insert into inbox_event (type, payload, created_at, conversation_id, tenant_id)"
            + " select y, p, c, v, t from unnest(?::varchar[], ?::varchar[], ?::timestamptz[],"
            + " ?::int8[], ?::varchar[]) with ordinality as u(y, p, c, v, t, n) order by n",
        sql.array("varchar", type),
        sql.array("varchar", payload),
        sql.array("timestamptz", createdAt),
        sql.array("int8", conversation),
        sql.array("varchar", tenant));
  }

  @Override
  public List<StoredEvent> after(Position after, int limit) {
    return unitOfWork.inTransaction(
        () -> EventLogReads.after(sql, unitOfWork.postgres(), after, List.of(), limit));
  }

  @Override
  public boolean heldBack(Position after) {
    return unitOfWork.postgres()
        && unitOfWork.inTransaction(() -> EventLogReads.heldBack(sql, after));
  }

  @Override
  public Position last() {
    return unitOfWork.inTransaction(() -> EventLogReads.last(sql, unitOfWork.postgres()));
  }

  /**
   * Deletes events older than {@code before} that every integrator route still in use has read (a
   * route whose cursor has not moved since then is taken as gone). On PostgreSQL a chunk to a
   * transaction: one long transaction there would hold back every event published meanwhile.
   *
   * @return how many events were deleted
   */
  public int purgeBefore(Instant before) {
    // Cursors only move on, so what every route had read when the purge began stays read.
    Position readByAll =
        unitOfWork.inTransaction(
            () ->
                sql.one(
                        "select last_event_tx, last_event_id from integrator_cursor"
                            + " where updated_at >= ? order by last_event_tx, last_event_id"
                            + " fetch first 1 row only",
                        rs -> new Position(rs.getLong(1), rs.getLong(2)),
                        before)
                    .orElse(new Position(Long.MAX_VALUE, Long.MAX_VALUE)));
    if (!unitOfWork.postgres()) {
      // Positions on H2 are ids (transaction 0).
      return unitOfWork.inTransaction(
          () ->
              sql.update(
                  "delete from inbox_event where created_at < ? and id <= ?",
                  before,
                  readByAll.id()));
    }
    int deleted = 0;
    int chunk;
    do {
      chunk =
          unitOfWork.inTransaction(
              () ->
                  sql.update(
                      "delete from inbox_event where id in (select id from inbox_event"
                          + " where created_at < ? and (tx, id) <= (?, ?) fetch first ? rows only)",
                      before,
                      readByAll.transaction(),
                      readByAll.id(),
                      PURGE_CHUNK));
      deleted += chunk;
    } while (chunk == PURGE_CHUNK);
    return deleted;
  }

  /** The conversation an event payload concerns (its conversationId component), if any. */
  /**
   * The payload's JSON object with {@code accountId} first, so every reader of an event (the
   * screens, the integrators' routes) knows its account without a payload type having to say it.
   */
  private String withAccount(String accountId, String body) {
    if (!body.startsWith("{")) {
      return body;
    }
    String rest = body.substring(1).stripLeading();
    String account = accountId == null ? "null" : json.toJson(accountId);
    return "{\"accountId\":" + account + (rest.startsWith("}") ? "" : ",") + rest;
  }

  private static Long conversationOf(Object payload) {
    Method accessor = CONVERSATION_ID.get(payload.getClass());
    if (accessor == null) {
      return null;
    }
    try {
      return ((Number) accessor.invoke(payload)).longValue();
    } catch (ReflectiveOperationException | ClassCastException e) {
      return null;
    }
  }

  /**
   * The conversationId accessor of each payload record, if it has one (it ties the event to the
   * conversation, so deleting a contact deletes it), found once per type rather than per event.
   */
  private static final ClassValue<Method> CONVERSATION_ID =
      new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
          if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
              if (c.getName().equals("conversationId")) {
                return c.getAccessor();
              }
            }
          }
          return null;
        }
      };
}
