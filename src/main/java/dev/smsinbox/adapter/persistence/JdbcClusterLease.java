package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import java.time.Instant;

/**
 * A cluster-wide lease in cluster_lease: the work it names (housekeeping) runs on the instance that
 * holds it; the holder renews it, and when it stops (it died, or lost the database) another
 * instance takes it once it has run out. A conditional update: the row lock lets one instance win.
 */
public class JdbcClusterLease {

  private final JdbcUnitOfWork unitOfWork;
  private final Sql sql;
  private final String name;

  public JdbcClusterLease(JdbcUnitOfWork unitOfWork, String name) {
    this.unitOfWork = unitOfWork;
    this.sql = new Sql(unitOfWork);
    this.name = name;
  }

  /**
   * Takes or renews the lease for {@code instance} until {@code until}.
   *
   * @return false while another instance holds it (its lease has not run out at {@code now})
   */
  public boolean hold(String instance, Instant now, Instant until) {
    return unitOfWork.inTransaction(
        () ->
            sql.update(
                        "update cluster_lease set holder = ?, held_until = ? where name = ?"
                            + " and (holder is null or holder = ? or held_until <= ?)",
                        instance,
                        until,
                        name,
                        instance,
                        now)
                    == 1
                || sql.insertUnlessPresent(
                    "insert into cluster_lease (name, holder, held_until) values (?, ?, ?)",
                    name,
                    instance,
                    until));
  }

  /** Lets another instance take it at once (an orderly stop). */
  public void release(String instance) {
    unitOfWork.run(
        () ->
            sql.update(
                "update cluster_lease set holder = null, held_until = null"
                    + " where name = ? and holder = ?",
                name,
                instance));
  }
}
