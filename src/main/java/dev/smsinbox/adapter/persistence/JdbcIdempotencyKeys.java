package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.adapter.jdbc.StorageFailure;
import dev.smsinbox.application.port.IdempotencyKeys;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Idempotency keys in {@code idempotency_key}: the unique (endpoint, caller, key) decides which of
 * two first claims wins, and the conditional updates of {@code holder} decide which request may
 * write under a key. Both databases make a second update of the row wait for the first's commit and
 * then test its condition again, which is what keeps a stale holder out.
 */
public class JdbcIdempotencyKeys implements IdempotencyKeys {

  private static final String UNIQUE_VIOLATION = "23505";

  private record Row(long id, String requestHash, Integer status, String body, Instant heldUntil) {}

  private final JdbcUnitOfWork unitOfWork;
  private final Sql sql;
  private final Clock clock;
  private final Duration lifetime;
  private final Duration holdFor;

  /**
   * @param lifetime how long a key is remembered (the contract says 24 hours)
   * @param holdFor how long a request holds a key without renewing it: after that, a retry may take
   *     the key over (a request cut off by a crash or an outage leaves its key for this long)
   */
  public JdbcIdempotencyKeys(
      JdbcUnitOfWork unitOfWork, Clock clock, Duration lifetime, Duration holdFor) {
    this.unitOfWork = unitOfWork;
    this.sql = new Sql(unitOfWork);
    this.clock = clock;
    this.lifetime = lifetime;
    this.holdFor = holdFor;
  }

  @Override
  public Claim claim(Scope scope, String requestHash) {
    for (int attempt = 1; ; attempt++) {
      try {
        return unitOfWork.inTransaction(() -> claimOnce(scope, requestHash));
      } catch (StorageFailure failure) {
        // Two first claims at once: the loser's insert waited for the winner's commit and was
        // refused; a second look finds the winner's row. (A winner that rolled back leaves room.)
        if (attempt == 3 || !uniqueViolation(failure)) {
          throw failure;
        }
      }
    }
  }

  private Claim claimOnce(Scope scope, String requestHash) {
    Instant now = clock.instant();
    sql.update(
        "delete from idempotency_key where endpoint = ? and caller = ? and idem_key = ?"
            + " and created_at < ?",
        scope.endpoint(),
        scope.caller(),
        scope.key(),
        now.minus(lifetime));
    Optional<Row> found =
        sql.one(
            "select id, request_hash, answer_status, answer_body, held_until from idempotency_key"
                + " where endpoint = ? and caller = ? and idem_key = ?",
            rs ->
                new Row(
                    rs.getLong("id"),
                    rs.getString("request_hash"),
                    rs.getObject("answer_status", Integer.class),
                    rs.getString("answer_body"),
                    Sql.instant(rs, "held_until")),
            scope.endpoint(),
            scope.caller(),
            scope.key());
    String holder = UUID.randomUUID().toString();
    if (found.isEmpty()) {
      long id =
          sql.insert(
              "insert into idempotency_key (endpoint, caller, idem_key, request_hash, holder,"
                  + " held_until, created_at) values (?, ?, ?, ?, ?, ?, ?)",
              scope.endpoint(),
              scope.caller(),
              scope.key(),
              requestHash,
              holder,
              now.plus(holdFor),
              now);
      return new Claimed(new Hold(id, holder), Map.of());
    }
    Row row = found.get();
    if (!row.requestHash().equals(requestHash)) {
      return new OtherRequest();
    }
    if (row.status() != null) {
      return new Answered(row.status(), row.body());
    }
    // Taken over only if its holder stopped renewing it; tested again after any wait for the row.
    int taken =
        sql.update(
            "update idempotency_key set holder = ?, held_until = ? where id = ?"
                + " and answer_status is null and held_until <= ?",
            holder,
            now.plus(holdFor),
            row.id(),
            now);
    if (taken == 0) {
      return new InProgress();
    }
    return new Claimed(new Hold(row.id(), holder), items(row.id()));
  }

  private Map<Integer, String> items(long keyId) {
    Map<Integer, String> items = new LinkedHashMap<>();
    sql.query(
            "select position, outcome from idempotency_key_item where key_id = ? order by position",
            rs -> Map.entry(rs.getInt(1), rs.getString(2)),
            keyId)
        .forEach(item -> items.put(item.getKey(), item.getValue()));
    return items;
  }

  @Override
  public void recordItem(Hold hold, int position, String outcome) {
    unitOfWork.run(
        () -> {
          if (!renew(hold)) {
            throw new Lost();
          }
          sql.update(
              "insert into idempotency_key_item (key_id, position, outcome) values (?, ?, ?)",
              hold.id(),
              position,
              outcome);
        });
  }

  /** Extends the hold and locks the key's row until the caller's transaction ends. */
  private boolean renew(Hold hold) {
    return sql.update(
            "update idempotency_key set held_until = ? where id = ? and holder = ?"
                + " and answer_status is null",
            clock.instant().plus(holdFor),
            hold.id(),
            hold.holder())
        == 1;
  }

  @Override
  public boolean answer(Hold hold, int status, String body) {
    return unitOfWork.inTransaction(
        () -> {
          int stored =
              sql.update(
                  "update idempotency_key set answer_status = ?, answer_body = ?, holder = null,"
                      + " held_until = null where id = ? and holder = ? and answer_status is null",
                  status,
                  body,
                  hold.id(),
                  hold.holder());
          if (stored == 0) {
            return false;
          }
          // The answer lists them all now; they were kept only to resume.
          sql.update("delete from idempotency_key_item where key_id = ?", hold.id());
          return true;
        });
  }

  @Override
  public void release(Hold hold) {
    unitOfWork.run(
        () -> {
          int forgotten =
              sql.update(
                  "delete from idempotency_key where id = ? and holder = ? and answer_status is null"
                      + " and not exists (select 1 from idempotency_key_item where key_id = ?)",
                  hold.id(),
                  hold.holder(),
                  hold.id());
          if (forgotten == 0) {
            sql.update(
                "update idempotency_key set held_until = ? where id = ? and holder = ?"
                    + " and answer_status is null",
                clock.instant(),
                hold.id(),
                hold.holder());
          }
        });
  }

  @Override
  public int purgeExpired() {
    return unitOfWork.inTransaction(
        () ->
            sql.update(
                "delete from idempotency_key where created_at < ?",
                clock.instant().minus(lifetime)));
  }

  private static boolean uniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
