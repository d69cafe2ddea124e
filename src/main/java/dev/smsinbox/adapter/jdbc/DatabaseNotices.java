package dev.smsinbox.adapter.jdbc;

import dev.smsinbox.support.DaemonThreads;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * PostgreSQL's LISTEN/NOTIFY between the instances of the inbox that share one database: a
 * transaction calls {@link #notify} and, once it commits, every instance's listener hears it (its
 * own too) and wakes what reads the database — no polling in a tight loop and no broker. A notice
 * says only "look now": what it is about is read back from the tables, and every reader keeps a
 * bounded poll of its own, so a notice lost while the listener's connection was down costs time,
 * never data. H2 is a single instance: nothing is sent or listened to there.
 *
 * <p>One connection of the pool is held by the listener (LISTEN is a session's); it is opened again
 * after a failure, and every subscriber is then told (with a null payload) that it may have missed
 * notices.
 */
public final class DatabaseNotices implements AutoCloseable {

  /** Inbox events were committed: readers of the event log look. */
  public static final String EVENTS = "sms_inbox_events";

  /** An account's cached settings changed: payload {@code <kind>:<accountId>}. */
  public static final String CHANGES = "sms_inbox_changes";

  private static final Logger LOG = Logger.getLogger(DatabaseNotices.class.getName());

  /** How long one wait for notices lasts before the listener checks it is still wanted. */
  private static final int WAIT_MILLIS = 1_000;

  private static final Duration RECONNECT = Duration.ofSeconds(2);

  private final DataSource dataSource;
  private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
  private volatile boolean running;
  private volatile boolean listening;
  private Thread thread;

  public DatabaseNotices(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Sends a notice on {@code channel} with the transaction of {@code sql}'s unit of work: it is
   * delivered when (and only if) that transaction commits; the same notice twice in one transaction
   * is delivered once. PostgreSQL only.
   */
  public static void notify(Sql sql, String channel, String payload) {
    sql.one("select pg_notify(?, ?)", rs -> Boolean.TRUE, channel, payload);
  }

  /** {@code subscriber} hears each notice on {@code channel} (null: some may have been missed). */
  public DatabaseNotices on(String channel, Consumer<String> subscriber) {
    subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(subscriber);
    return this;
  }

  /** Starts listening on every channel subscribed to so far. */
  public synchronized DatabaseNotices start() {
    if (!running) {
      running = true;
      thread = DaemonThreads.thread(this::listen, "sms-inbox-database-notices");
      thread.start();
    }
    return this;
  }

  /** Whether the listener's connection is up and listening (for health and tests). */
  public boolean listening() {
    return listening;
  }

  private void listen() {
    boolean failedBefore = false;
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (Statement statement = connection.createStatement()) {
          for (String channel : subscribers.keySet()) {
            statement.execute("LISTEN " + channel);
          }
        }
        listening = true;
        if (failedBefore) {
          LOG.info("Listening to the other instances' notices again");
          tellAll(null); // what was notified while the connection was down: look now
        }
        failedBefore = false;
        while (running) {
          PGNotification[] notices = pg.getNotifications(WAIT_MILLIS);
          if (notices != null) {
            for (PGNotification notice : notices) {
              tell(notice.getName(), notice.getParameter());
            }
          }
        }
      } catch (SQLException | RuntimeException | LinkageError e) {
        listening = false;
        if (!running) {
          return;
        }
        if (!failedBefore) {
          LOG.log(
              Level.WARNING,
              "Not listening to the other instances' notices (they are seen by polling until"
                  + " this is back): "
                  + e.getMessage(),
              e instanceof LinkageError ? e : null);
        }
        failedBefore = true;
        pause();
      } finally {
        listening = false;
      }
    }
  }

  private void tellAll(String payload) {
    subscribers.keySet().forEach(channel -> tell(channel, payload));
  }

  private void tell(String channel, String payload) {
    for (Consumer<String> subscriber : subscribers.getOrDefault(channel, List.of())) {
      try {
        subscriber.accept(payload);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "A subscriber of " + channel + " failed", e);
      }
    }
  }

  private void pause() {
    synchronized (this) {
      try {
        wait(RECONNECT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }

  /**
   * Stops listening within a wait ({@value #WAIT_MILLIS} ms); the thread is not interrupted (an
   * interrupt inside a JDBC call can break the connection it holds).
   */
  @Override
  public void close() {
    Thread listener;
    synchronized (this) {
      running = false;
      notifyAll();
      listener = thread;
    }
    if (listener != null) {
      try {
        listener.join(WAIT_MILLIS * 3L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
