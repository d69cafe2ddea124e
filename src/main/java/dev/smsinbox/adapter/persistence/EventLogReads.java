package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.application.port.InboxEventLog.Position;
import dev.smsinbox.application.port.InboxEventLog.StoredEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The event log read in its order, for the live stream and the integrators' routes alike (why this
 * order cannot be overtaken: {@link JdbcInboxEvents}). On H2 the order is the id's (positions there
 * have transaction 0); on PostgreSQL it is (tx, id), up to the oldest transaction still under way.
 */
final class EventLogReads {

  /** Transactions below this one have all ended: their events are all there is of them. */
  private static final String ENDED = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

  private EventLogReads() {}

  /** Events after the position (of the given types; of every type when none is given). */
  static List<StoredEvent> after(
      Sql sql, boolean postgres, Position after, Collection<String> types, int limit) {
    List<Object> params = new ArrayList<>();
    StringBuilder query =
        new StringBuilder("select tx, id, tenant_id, type, payload from inbox_event where ");
    if (postgres) {
      query.append("(tx, id) > (?, ?) and tx < ").append(ENDED);
      params.add(after.transaction());
    } else {
      query.append("id > ?");
    }
    params.add(after.id());
    if (!types.isEmpty()) {
      query
          .append(" and type in (")
          .append(String.join(", ", types.stream().map(t -> "?").toList()))
          .append(')');
      params.addAll(types);
    }
    query.append(postgres ? " order by tx, id" : " order by id").append(" fetch first ? rows only");
    params.add(limit);
    return sql.query(
        query.toString(),
        rs ->
            new StoredEvent(
                new Position(rs.getLong(1), rs.getLong(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5)),
        params.toArray());
  }

  /** PostgreSQL: whether events after the position wait for an older transaction to end. */
  static boolean heldBack(Sql sql, Position after) {
    return sql.one(
            "select 1 from inbox_event where (tx, id) > (?, ?) and tx >= "
                + ENDED
                + " fetch first 1 row only",
            rs -> true,
            after.transaction(),
            after.id())
        .isPresent();
  }

  /** The newest event a reader may be handed now, or {@link Position#START}. */
  static Position last(Sql sql, boolean postgres) {
    return sql.one(
            postgres
                ? "select tx, id from inbox_event where tx < "
                    + ENDED
                    + " order by tx desc, id desc fetch first 1 row only"
                : "select tx, id from inbox_event order by id desc fetch first 1 row only",
            rs -> new Position(rs.getLong(1), rs.getLong(2)))
        .orElse(Position.START);
  }
}
