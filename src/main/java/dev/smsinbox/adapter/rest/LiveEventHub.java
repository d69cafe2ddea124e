package dev.smsinbox.adapter.rest;

import dev.smsinbox.application.InboxEventPayloads.UnreadCount;
import dev.smsinbox.application.InboxQueries;
import dev.smsinbox.application.port.InboxEventLog;
import dev.smsinbox.application.port.InboxEventLog.Position;
import dev.smsinbox.application.port.InboxEventLog.StoredEvent;
import dev.smsinbox.application.port.InboxEvents;
import dev.smsinbox.support.DaemonThreads;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Pushes committed inbox events to every connected screen. Events are read back from the event
 * table in the log's order, which no later commit can slip into ({@link InboxEventLog}), so what a
 * screen receives is what was committed, on this instance or another, nothing passed over, and each
 * subscriber resumes from its own Last-Event-ID (an event's position). Woken after each commit here
 * and, on PostgreSQL, by the other instances' commits (their NOTIFY, heard by this instance's
 * listener: see runtime.ClusterSync); a short tick (500 ms) is the bounded fallback for a notice
 * missed while the listener's connection was down, and for events that a wake found still waiting
 * for an older transaction.
 */
@ApplicationScoped
public class LiveEventHub {

  private static final Logger LOG = Logger.getLogger(LiveEventHub.class.getName());
  private static final int BATCH = 500;

  /** How soon to look again for events held back by an older transaction still under way. */
  private static final long FIRST_HELD_BACK_LOOK_MILLIS = 5;

  private long heldBackLook = FIRST_HELD_BACK_LOOK_MILLIS; // the pusher's thread only

  /**
   * How often an account's unread badge is counted again at most while its SMS keep coming: each
   * count sums all of the account's unread conversations, and at a few SMS a second every push
   * counted them anew. A badge is at most this late; a new screen gets its count at once.
   */
  static final long BADGE_EVERY_MILLIS = 200;

  private final Map<String, Long> badgeCountedAt = new HashMap<>(); // the pusher's thread only
  private boolean badgeLookScheduled; // the pusher's thread only

  /**
   * Events a subscriber may have sent but not yet written to its connection: beyond this it is too
   * slow, and is dropped (it reconnects with its Last-Event-ID) rather than kept in memory. The
   * pusher never waits for one client, so a slow one never delays another.
   */
  static final int MAX_UNWRITTEN = 1000;

  /**
   * The most events a Last-Event-ID replays: a client further behind (say {@code Last-Event-ID: 0}
   * on a week of events) gets a {@code resync} event instead and reloads what it shows.
   */
  static final int MAX_REPLAY = 1000;

  /** Thrown when a caller already has the most event streams allowed. */
  public static final class TooManyStreams extends RuntimeException {
    TooManyStreams(int max) {
      super(
          "You already have "
              + max
              + " live event streams open (INBOX_EVENTS_MAX_STREAMS); close one, or retry later.");
    }
  }

  private static final class Subscriber {
    final SseEventSink sink;
    final Sse sse;
    final Instant until;
    final String accountId;
    final String caller;
    final java.util.concurrent.atomic.AtomicInteger unwritten =
        new java.util.concurrent.atomic.AtomicInteger();
    volatile Position lastSent;
    volatile boolean needsUnread = true;
    boolean unreadOwed; // the pusher's thread only

    Subscriber(
        SseEventSink sink,
        Sse sse,
        Position lastSent,
        Instant until,
        String accountId,
        String caller) {
      this.accountId = accountId;
      this.caller = caller;
      this.sink = sink;
      this.sse = sse;
      this.lastSent = lastSent;
      this.until = until;
    }
  }

  @Inject InboxEventLog events;
  @Inject InboxQueries queries;
  private final Jsonb json = JsonConfig.create();

  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final AtomicBoolean pending = new AtomicBoolean();
  private final ScheduledExecutorService pusher =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sms-inbox-live-events"));
  private volatile boolean ticking;
  private volatile long lastKeepAlive = System.nanoTime();

  /**
   * @param lastSeen the position of the event the client saw last (its Last-Event-ID), or null for
   *     "from now on"
   * @param until when the subscriber's sign-in ends (the stream is closed then), or null
   * @param accountId the subscriber's CRM account: it is sent that account's events only
   * @param caller who subscribes (the account and the person): each has at most {@code maxStreams}
   *     streams
   * @throws TooManyStreams when the caller already has {@code maxStreams}
   */
  public synchronized void subscribe(
      SseEventSink sink,
      Sse sse,
      Position lastSeen,
      Instant until,
      String accountId,
      String caller,
      int maxStreams) {
    subscribers.removeIf(s -> s.sink.isClosed());
    if (subscribers.stream().filter(s -> s.caller.equals(caller)).count() >= maxStreams) {
      throw new TooManyStreams(maxStreams);
    }
    startTicking();
    Position from = lastSeen != null ? lastSeen : events.last();
    boolean resync = false;
    if (lastSeen != null && events.after(lastSeen, MAX_REPLAY + 1).size() > MAX_REPLAY) {
      from = events.last();
      resync = true;
    }
    Subscriber subscriber = new Subscriber(sink, sse, from, until, accountId, caller);
    if (resync) {
      sink.send(
          sse.newEventBuilder()
              .name("resync")
              .data("{\"reason\":\"more than " + MAX_REPLAY + " events missed; reload\"}")
              .build());
    }
    subscribers.add(subscriber);
    wake();
  }

  /** Something was committed: push it now. */
  public void wake() {
    if (pending.compareAndSet(false, true)) {
      pusher.execute(this::push);
    }
  }

  private synchronized void startTicking() {
    if (!ticking) {
      ticking = true;
      pusher.scheduleWithFixedDelay(this::wake, 500, 500, TimeUnit.MILLISECONDS);
    }
  }

  private void push() {
    pending.set(false);
    if (subscribers.isEmpty()) {
      return;
    }
    try {
      Position from =
          subscribers.stream().map(s -> s.lastSent).min(Position::compareTo).orElse(Position.START);
      List<StoredEvent> batch = events.after(from, BATCH);
      boolean keepAlive = System.nanoTime() - lastKeepAlive > TimeUnit.SECONDS.toNanos(15);
      // Each account's badge, for the accounts whose unread may have changed: counted once a push
      // at most, and at most every BADGE_EVERY_MILLIS (owed meanwhile, then counted).
      Set<String> changed = accountsChangingUnread(batch);
      Map<String, String> unread = new HashMap<>();
      long now = System.nanoTime();
      boolean owed = false;
      for (Subscriber s : subscribers) {
        String badge = null;
        if (s.needsUnread || s.unreadOwed || changed.contains(s.accountId)) {
          if (s.needsUnread || unread.containsKey(s.accountId) || badgeMayBeCounted(s, now)) {
            badge =
                unread.computeIfAbsent(
                    s.accountId,
                    account -> {
                      badgeCountedAt.put(account, now);
                      return unreadCount(account);
                    });
            s.needsUnread = false;
            s.unreadOwed = false;
          } else {
            s.unreadOwed = true;
            owed = true;
          }
        }
        send(s, batch, keepAlive, badge);
      }
      if (owed && !badgeLookScheduled) {
        badgeLookScheduled = true;
        pusher.schedule(
            () -> {
              badgeLookScheduled = false;
              wake();
            },
            BADGE_EVERY_MILLIS,
            TimeUnit.MILLISECONDS);
      }
      if (keepAlive) {
        lastKeepAlive = System.nanoTime();
      }
      if (batch.size() == BATCH) {
        wake();
      } else if (events.heldBack(batch.isEmpty() ? from : batch.get(batch.size() - 1).position())) {
        // Committed behind a transaction that began earlier and is still under way: worth a look
        // again in a moment rather than at the next tick, half a second away; sooner the first
        // time, less often while a long transaction keeps holding them.
        pusher.schedule(this::wake, heldBackLook, TimeUnit.MILLISECONDS);
        heldBackLook = Math.min(heldBackLook * 2, 250);
      } else {
        heldBackLook = FIRST_HELD_BACK_LOOK_MILLIS;
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not push live events; retrying on the next tick", e);
    }
  }

  private boolean badgeMayBeCounted(Subscriber s, long now) {
    Long last = badgeCountedAt.get(s.accountId);
    return last == null || now - last >= TimeUnit.MILLISECONDS.toNanos(BADGE_EVERY_MILLIS);
  }

  private static Set<String> accountsChangingUnread(List<StoredEvent> batch) {
    return batch.stream()
        .filter(
            e ->
                e.type().equals(InboxEvents.MESSAGE_RECEIVED)
                    || e.type().equals(InboxEvents.CONVERSATION_READ)
                    || e.type().equals(InboxEvents.CONVERSATION_DELETED))
        .map(StoredEvent::accountId)
        .filter(Objects::nonNull)
        .collect(Collectors.toSet());
  }

  private String unreadCount(String accountId) {
    return json.toJson(new UnreadCount(queries.unreadTotal(accountId)));
  }

  private void send(Subscriber s, List<StoredEvent> batch, boolean keepAlive, String unread) {
    if (s.until != null && Instant.now().isAfter(s.until)) {
      subscribers.remove(s); // its session or token has ended: nothing more for it
      s.sink.close();
      return;
    }
    if (s.sink.isClosed()) {
      subscribers.remove(s);
      return;
    }
    try {
      for (StoredEvent e : batch) {
        if (!s.accountId.equals(e.accountId())) {
          // Another account's (or nobody's): never sent; the position moves on past it.
          if (e.position().isAfter(s.lastSent)) {
            s.lastSent = e.position();
          }
        } else if (e.position().isAfter(s.lastSent)) {
          OutboundSseEvent event =
              s.sse
                  .newEventBuilder()
                  .id(e.position().text())
                  .name(e.type())
                  .data(e.payload())
                  .reconnectDelay(2000)
                  .build();
          if (s.unwritten.incrementAndGet() > MAX_UNWRITTEN) {
            throw new IllegalStateException("too slow");
          }
          s.sink
              .send(event)
              .whenComplete(
                  (done, failed) -> {
                    s.unwritten.decrementAndGet();
                    if (failed != null) {
                      subscribers.remove(s);
                      s.sink.close();
                    }
                  });
          s.lastSent = e.position();
        }
      }
      if (unread != null) {
        // No id: the total is not part of the replayable stream, it is always current.
        s.sink.send(s.sse.newEventBuilder().name(InboxEvents.UNREAD_COUNT).data(unread).build());
      }
      if (keepAlive) {
        s.sink.send(s.sse.newEventBuilder().comment("keep-alive").build());
      }
    } catch (RuntimeException e) {
      subscribers.remove(s);
      s.sink.close();
    }
  }

  @PreDestroy
  void stop() {
    pusher.shutdown(); // no interrupt: H2 closes its file when a thread doing I/O is interrupted
    subscribers.forEach(s -> s.sink.close());
  }
}
