package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.application.inbound.InboundJournal;
import dev.smsinbox.application.inbound.InboundSms;
import dev.smsinbox.domain.ListPosition;
import dev.smsinbox.domain.UnreadableText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

public class JdbcInboundJournal implements InboundJournal {

  private static final String COLUMNS =
      "id, source_number, dest_number, body, segments, encoding, incomplete, received_at,"
          + " data_coding, octets, attempts, error, retry_at";

  private static final String SELECT = "select " + COLUMNS + " from inbound_journal";

  /**
   * How often {@link #take} looks at the whole journal rather than from {@link #floor}: for entries
   * tried again after a failure (due a second or more later) and any committed after entries with
   * higher ids were taken (another writer, another instance).
   */
  private static final long WHOLE_LOOK_NANOS = 1_000_000_000L;

  private final JdbcUnitOfWork unitOfWork;
  private final Sql sql;
  private final Runnable onAppended;

  /**
   * Above the last id this instance took: where the next {@link #take} starts. The entries filed
   * leave dead rows in the primary key until PostgreSQL vacuums the table, and reading from the
   * head each time walked all of them (a burst's worth) for every batch.
   */
  private volatile long floor;

  private volatile long lastWholeLook;

  /**
   * Below this id no entry is left that could be a customer's earlier SMS: where the held-back
   * check of {@link #take} reads from. It lags behind {@link #floor}, which moves past entries that
   * other filers hold (skipped, not taken) and past ids whose transactions had not committed yet
   * (another writer's, another instance's): either may be a customer's earlier SMS while a later
   * one is taken here, and reading only from the floor let the later one be filed first.
   */
  private volatile long watch;

  /**
   * The watch a take found, not yet trusted: entries of transactions still under way when it looked
   * may yet appear below it. It becomes the watch once a later take sees every one of those
   * transactions ended (its snapshot's xmin at or above this one's xmax), or after {@link
   * #TRUST_AFTER_NANOS}.
   */
  private Watch pending;

  private record Watch(long below, long xmax, long sinceNanos) {}

  /**
   * How long a watch waits for the transactions under way when it was found, at most. A long
   * transaction anywhere on the database (a dump, a report, a session left idle in a transaction)
   * keeps xmin back for as long as it lasts; the check would then read every row since, none of
   * them reclaimable while it lasts. The entries it waits for are the journal's own appends: one
   * statement each, which the carrier waits for no longer than SMPP_TRANSACTION_MS (10 s by
   * default) before it is told to send the SMS again.
   */
  private static final long TRUST_AFTER_NANOS = 15_000_000_000L;

  /**
   * Every reader of this instance ({@link #forAnotherFiler}), this one included; the held-back
   * check reads from the lowest watch of them all.
   */
  private final List<JdbcInboundJournal> readers;

  /**
   * @param onAppended told once a transaction that appended entries has committed (the filer)
   */
  public JdbcInboundJournal(JdbcUnitOfWork unitOfWork, Runnable onAppended) {
    this(unitOfWork, onAppended, new CopyOnWriteArrayList<>());
  }

  private JdbcInboundJournal(
      JdbcUnitOfWork unitOfWork, Runnable onAppended, List<JdbcInboundJournal> readers) {
    this.unitOfWork = unitOfWork;
    this.sql = new Sql(unitOfWork);
    this.onAppended = onAppended;
    this.readers = readers;
    readers.add(this);
  }

  @Override
  public void append(List<InboundSms> batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (unitOfWork.postgres()) {
      // One statement: alone, a transaction that commits without a round trip of its own.
      unitOfWork.statement(connection -> appendAsArrays(connection, batch));
    } else {
      unitOfWork.run(() -> appendRowByRow(batch));
    }
    // Joined to the caller's transaction, after its commit; else now, the append has committed.
    unitOfWork.afterCommit(onAppended);
  }

  /**
   * PostgreSQL: the whole batch as one statement over arrays, a column each (what the carrier waits
   * for is this insert and the commit; one statement is planned and executed once, not once an
   * SMS).
   */
  private static int appendAsArrays(Connection connection, List<InboundSms> batch)
      throws SQLException {
    int n = batch.size();
    // Arrays of the elements' own classes: pgjdbc sends them in binary, not as escaped text.
    String[] from = new String[n];
    String[] to = new String[n];
    String[] text = new String[n];
    Integer[] segments = new Integer[n];
    String[] encoding = new String[n];
    Boolean[] incomplete = new Boolean[n];
    String[] receivedAt = new String[n];
    Integer[] dataCoding = new Integer[n];
    String[] octets = new String[n];
    for (int i = 0; i < n; i++) {
      InboundSms sms = batch.get(i);
      from[i] = sms.from();
      to[i] = sms.to();
      text[i] = sms.text();
      segments[i] = sms.segments();
      encoding[i] = sms.encoding();
      incomplete[i] = sms.incomplete();
      receivedAt[i] = Sql.utc(sms.receivedAt()).toString();
      // Nearly always null: only a text the inbox could not read keeps its octets.
      dataCoding[i] = sms.unreadable() == null ? null : sms.unreadable().dataCoding();
      octets[i] = sms.unreadable() == null ? null : sms.unreadable().hex();
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            "insert into inbound_journal (source_number, dest_number, body, segments, encoding,"
                + " incomplete, received_at, data_coding, octets) select f, t, b, s, e, i, r, d,"
                + " decode(o, 'hex') from unnest(?::varchar[], ?::varchar[], ?::varchar[],"
                + " ?::int4[], ?::varchar[], ?::bool[], ?::timestamptz[], ?::int4[],"
                + " ?::varchar[]) with ordinality as u(f, t, b, s, e, i, r, d, o, n)"
                // The transaction's id is given before its entries' ids (the WHERE before the
                // columns): a take whose snapshot does not see these entries yet then counts this
                // transaction as under way and does not trust its place until it has ended.
                + " where pg_current_xact_id() is not null"
                // Ids in the order the SMS arrived: the filer files by id.
                + " order by n")) {
      ps.setArray(1, connection.createArrayOf("varchar", from));
      ps.setArray(2, connection.createArrayOf("varchar", to));
      ps.setArray(3, connection.createArrayOf("varchar", text));
      ps.setArray(4, connection.createArrayOf("int4", segments));
      ps.setArray(5, connection.createArrayOf("varchar", encoding));
      ps.setArray(6, connection.createArrayOf("bool", incomplete));
      ps.setArray(7, connection.createArrayOf("timestamptz", receivedAt));
      ps.setArray(8, connection.createArrayOf("int4", dataCoding));
      ps.setArray(9, connection.createArrayOf("varchar", octets));
      return ps.executeUpdate();
    }
  }

  private void appendRowByRow(List<InboundSms> batch) {
    List<Object[]> rows = new ArrayList<>(batch.size());
    for (InboundSms sms : batch) {
      rows.add(
          new Object[] {
            sms.from(),
            sms.to(),
            sms.text(),
            sms.segments(),
            sms.encoding(),
            sms.incomplete(),
            sms.receivedAt(),
            sms.unreadable() == null ? null : sms.unreadable().dataCoding(),
            sms.unreadable() == null ? null : sms.unreadable().bytes()
          });
    }
    sql.batch(
        "insert into inbound_journal (source_number, dest_number, body, segments, encoding,"
            + " incomplete, received_at, data_coding, octets) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows);
  }

  @Override
  public List<Entry> due(Instant now, int limit) {
    return sql.plannedForTodaysSizes(
        () ->
            sql.query(
                SELECT
                    + " where retry_at is null or retry_at <= ? order by id fetch first ? rows only"
                    + " for update",
                JdbcInboundJournal::map,
                now,
                limit));
  }

  @Override
  public List<Entry> take(Instant now, int limit) {
    if (!unitOfWork.postgres()) {
      List<Entry> due = due(now, limit);
      remove(due.stream().map(Entry::id).toList());
      return due;
    }
    long from = floor;
    boolean wholeLook = from == 0 || System.nanoTime() - lastWholeLook > WHOLE_LOOK_NANOS;
    // The journal is a queue: its head is read in id order through the primary key, whatever
    // statistics say (its size swings by tens of thousands within seconds; a plan from a moment it
    // was empty sorted the whole table, dead rows included, for every batch).
    // Nor as a bitmap of the whole journal, sorted for every batch: what the planner picked for
    // the statement below when the journal's statistics were taken while it was small.
    String[] before =
        sql.one(
                "select current_setting('enable_seqscan'), current_setting('enable_bitmapscan'),"
                    + " set_config('enable_seqscan', 'off', true),"
                    + " set_config('enable_bitmapscan', 'off', true)",
                rs -> new String[] {rs.getString(1), rs.getString(2)})
            .orElse(new String[] {"on", "on"});
    // Deleting locks each row as "for update" does, so each is locked once, and found by its
    // place in the table (ctid) rather than looked up again in the index. Entries another
    // instance's filer has locked are skipped rather than waited for: waiting made the filers of
    // two instances take turns, each idle while the other filed (issue 19). An entry whose sender
    // has an earlier one still in the journal (another filer holds it, or it was committed below
    // this reader's floor) is held back, locked but left, and taken once that one is filed: one
    // customer's SMS are filed in the order they arrived.
    List<Entry> taken = new ArrayList<>();
    long[] firstHeld = {Long.MAX_VALUE};
    long[] firstElsewhere = {Long.MAX_VALUE};
    long[] snapshot = new long[2];
    sql.query(
        "with candidate as materialized (select ctid, id, source_number from inbound_journal where "
            + (wholeLook ? "(retry_at is null or retry_at <= ?)" : "id >= ? and retry_at is null")
            + " order by id fetch first ? rows only for update skip locked),"
            // What lies among the candidates but is not theirs: entries another filer holds
            // (skipped above) and any left below this reader's floor, read once a batch through
            // the primary key from the lowest watch of this instance's readers.
            + " elsewhere as materialized (select id, source_number from inbound_journal where "
            + (wholeLook ? "" : "id >= ? and ")
            // Up to the floor when nothing was taken: what lies below it still counts.
            + "id < coalesce((select max(id) from candidate), ?) and retry_at is null"
            + " and id not in (select id from candidate)),"
            + " held as materialized (select c.id from candidate c where exists (select 1 from"
            + " elsewhere e where e.source_number = c.source_number and e.id < c.id)),"
            + " taken as (delete from inbound_journal where ctid = any(array(select ctid from"
            + " candidate where id not in (select id from held))) returning "
            + COLUMNS
            + ") select t.*, h.first_held, h.first_elsewhere, h.xmin, h.xmax from (select"
            + " (select min(id) from held) as first_held,"
            + " (select min(id) from elsewhere) as first_elsewhere,"
            + " pg_snapshot_xmin(pg_current_snapshot())::text::bigint as xmin,"
            + " pg_snapshot_xmax(pg_current_snapshot())::text::bigint as xmax) h"
            + " left join taken t on true",
        rs -> {
          long held = rs.getLong("first_held");
          if (!rs.wasNull()) {
            firstHeld[0] = held;
          }
          long elsewhere = rs.getLong("first_elsewhere");
          if (!rs.wasNull()) {
            firstElsewhere[0] = elsewhere;
          }
          snapshot[0] = rs.getLong("xmin");
          snapshot[1] = rs.getLong("xmax");
          rs.getLong("id");
          if (!rs.wasNull()) {
            taken.add(map(rs));
          }
          return null;
        },
        wholeLook
            ? new Object[] {now, limit, from}
            : new Object[] {
              from, limit, readers.stream().mapToLong(r -> r.watch).min().orElse(0), from
            });
    sql.one(
        "select set_config('enable_seqscan', ?, true), set_config('enable_bitmapscan', ?, true)",
        rs -> rs.getString(1),
        before[0],
        before[1]);
    // RETURNING keeps no order; the filer files in the order the SMS arrived.
    taken.sort(Comparator.comparingLong(Entry::id));
    long next = taken.isEmpty() ? from : taken.get(taken.size() - 1).id() + 1;
    long held = firstHeld[0];
    // The lowest entry this take saw and left: held back here, held by another filer, or below
    // the floor; else the next id above what it took.
    long left = Math.min(next, Math.min(held, firstElsewhere[0]));
    unitOfWork.afterCommit(
        () -> {
          // An entry held back is taken again once the earlier one is filed: never passed over.
          floor = Math.min(Math.max(floor, next), held);
          moveWatch(left, snapshot[0], snapshot[1]);
          if (wholeLook) {
            lastWholeLook = System.nanoTime();
          }
        });
    return taken;
  }

  /**
   * After a take: what it left is trusted as the watch once every transaction under way when it
   * looked has ended. Until then the watch stays, and the next takes' checks read from it (a few
   * batches' rows more; up to {@link #TRUST_AFTER_NANOS} of them while a long transaction elsewhere
   * on the database keeps its xmin back).
   *
   * @param left the lowest entry this take saw and did not take
   * @param xmin the oldest transaction under way when it looked
   * @param xmax the first transaction that had not started when it looked
   */
  private void moveWatch(long left, long xmin, long xmax) {
    long now = System.nanoTime();
    if (pending != null
        && (xmin >= pending.xmax() || now - pending.sinceNanos() > TRUST_AFTER_NANOS)) {
      // Everything under way at the pending take has ended, and this take read from below its
      // place: an entry that appeared there since is what this one left, or below it.
      watch = Math.max(watch, Math.min(pending.below(), left));
      pending = null;
    }
    if (pending == null) {
      pending = new Watch(left, xmax, now);
    }
  }

  @Override
  public InboundJournal forAnotherFiler() {
    if (!unitOfWork.postgres()) {
      // H2 waits for the rows another filer locked instead of skipping them.
      throw new UnsupportedOperationException("One filer only on H2");
    }
    return new JdbcInboundJournal(unitOfWork, onAppended, readers);
  }

  @Override
  public Optional<Entry> lock(long id) {
    return sql.one(SELECT + " where id = ? for update", JdbcInboundJournal::map, id);
  }

  @Override
  public void remove(List<Long> ids) {
    if (!ids.isEmpty()) {
      sql.plannedForTodaysSizes(
          () ->
              sql.update(
                  "delete from inbound_journal where id = any(?)", sql.array("bigint", ids)));
    }
  }

  @Override
  public void postpone(long id, int attempts, Instant retryAt, String error) {
    sql.update(
        "update inbound_journal set attempts = ?, retry_at = ?, error = ? where id = ?",
        attempts,
        retryAt,
        error.length() > 500 ? error.substring(0, 500) : error,
        id);
  }

  @Override
  public long depth() {
    return sql.one("select count(*) from inbound_journal", rs -> rs.getLong(1)).orElse(0L);
  }

  @Override
  public Optional<Instant> oldestWaiting() {
    // The primary key's order from the head: the lowest id is the oldest entry (an index probe).
    return sql.one(
        "select received_at from inbound_journal where attempts = 0 order by id fetch first 1 row"
            + " only",
        rs -> Sql.instant(rs, "received_at"));
  }

  @Override
  public Optional<Entry> find(long id) {
    return sql.one(SELECT + " where id = ?", JdbcInboundJournal::map, id);
  }

  @Override
  public List<Entry> unfiled(ListPosition after, int limit) {
    if (after == null) {
      return sql.query(
          SELECT + " where attempts > 0 order by received_at desc, id desc fetch first ? rows only",
          JdbcInboundJournal::map,
          limit);
    }
    return sql.query(
        SELECT
            + " where attempts > 0 and (received_at < ? or (received_at = ? and id < ?))"
            + " order by received_at desc, id desc fetch first ? rows only",
        JdbcInboundJournal::map,
        after.lastActivityAt(),
        after.lastActivityAt(),
        after.id(),
        limit);
  }

  private static Entry map(ResultSet rs) throws SQLException {
    byte[] octets = rs.getBytes("octets");
    return new Entry(
        rs.getLong("id"),
        new InboundSms(
            rs.getString("source_number"),
            rs.getString("dest_number"),
            rs.getString("body"),
            rs.getInt("segments"),
            rs.getString("encoding"),
            Sql.instant(rs, "received_at"),
            rs.getBoolean("incomplete"),
            octets == null ? null : UnreadableText.of(rs.getInt("data_coding"), octets)),
        rs.getInt("attempts"),
        rs.getString("error"),
        Sql.instant(rs, "retry_at"));
  }
}
