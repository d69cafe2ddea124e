package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A transaction that has written and published an event and stays open until the test lets it
 * commit: the older transaction that commits after a younger one. It writes a row before it
 * publishes, as filing writes its messages first, so on PostgreSQL it holds its transaction number
 * from before the younger one starts. It is held either right after publishing or at its commit,
 * once its events are inserted (the last moment a younger transaction could overtake it).
 */
public final class HeldTransaction implements AutoCloseable {

  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final CountDownLatch published = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final Future<?> done;

  private HeldTransaction(
      JdbcUnitOfWork unitOfWork,
      JdbcInboxEvents events,
      String type,
      Object payload,
      boolean atCommit) {
    done =
        thread.submit(
            () ->
                unitOfWork.run(
                    () -> {
                      write(unitOfWork);
                      events.publish("default", type, payload);
                      if (atCommit) {
                        // Gathered after the events, so it runs after their insert.
                        unitOfWork.gatherUntilCommit(
                            new Object(), Object::new, ignored -> holdHere());
                      } else {
                        holdHere();
                      }
                    }));
  }

  private void holdHere() {
    published.countDown();
    try {
      if (!release.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("The test never let it commit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts the transaction and returns once it has published its event (not committed). */
  public static HeldTransaction publish(
      JdbcUnitOfWork unitOfWork, JdbcInboxEvents events, String type, Object payload)
      throws Exception {
    return start(new HeldTransaction(unitOfWork, events, type, payload, false));
  }

  /**
   * Starts the transaction and returns once it is about to commit, its events inserted (on H2 with
   * its turn taken).
   */
  static HeldTransaction publishAndHoldAtCommit(
      JdbcUnitOfWork unitOfWork, JdbcInboxEvents events, String type, Object payload)
      throws Exception {
    return start(new HeldTransaction(unitOfWork, events, type, payload, true));
  }

  private static HeldTransaction start(HeldTransaction held) throws Exception {
    if (!held.published.await(10, TimeUnit.SECONDS)) {
      held.close();
      throw new AssertionError("The held transaction did not publish: " + held.failure());
    }
    return held;
  }

  /** Lets it commit and waits until it has. */
  public void commit() throws Exception {
    release.countDown();
    done.get(10, TimeUnit.SECONDS);
  }

  private String failure() {
    try {
      done.get(1, TimeUnit.SECONDS);
      return "no error";
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static void write(JdbcUnitOfWork unitOfWork) {
    new Sql(unitOfWork)
        .update(
            "insert into early_receipt (smsc_message_id, status, received_at) values (?, 'DELIVERED', ?)",
            "held-" + System.nanoTime(),
            Instant.now());
  }

  @Override
  public void close() {
    release.countDown();
    thread.shutdown();
  }
}
