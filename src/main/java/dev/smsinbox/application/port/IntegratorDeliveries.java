package dev.smsinbox.application.port;

import dev.smsinbox.application.port.InboxEventLog.Position;
import dev.smsinbox.application.port.InboxEventLog.StoredEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What the integrators' event delivery keeps: each route's cursor in the event log, the events it
 * refused after every attempt (dead letters) and what inbound hooks answered about a message.
 */
public interface IntegratorDeliveries {

  /** An event a route refused after every attempt. */
  record DeadLetter(
      long id,
      String routeId,
      long eventId,
      String type,
      String payload,
      String error,
      int attempts,
      Instant failedAt) {}

  /** What an inbound hook asked for about one received message. */
  record HookAnswer(
      String routeId, long eventId, long messageId, String tag, String reply, String drop) {}

  /**
   * The route's cursor: the position in the event log of the last event it settled. A route seen
   * for the first time starts at {@code startAt} (it hears what is committed from then on, not the
   * whole history).
   */
  Position cursor(String routeId, Position startAt, Instant now);

  /**
   * Moves the route's cursor past {@code settled}, if {@code holder} still holds the route's lease.
   *
   * @return false when another instance has taken the route over (the cursor is left alone)
   */
  boolean advance(String routeId, String holder, Position settled, Instant now);

  /**
   * Takes the route's lease for {@code holder} until {@code until}, or renews it: several instances
   * of the inbox share one database, and one of them at a time delivers a route's events. Taken
   * when nobody holds it, its holder gave it up, or it ran out before {@code now} (its holder
   * died).
   *
   * @return whether {@code holder} holds the lease now
   */
  boolean lease(String routeId, String holder, Instant now, Instant until);

  /** Gives the lease up (an orderly stop), so another instance takes the route over at once. */
  void release(String routeId, String holder);

  /** Events of the given types after {@code after}, in the event log's order. */
  List<StoredEvent> after(Position after, Collection<String> types, int limit);

  void deadLetter(String routeId, StoredEvent event, String error, int attempts, Instant at);

  List<DeadLetter> deadLetters(String routeId, int limit);

  void recordHookAnswer(HookAnswer answer, Instant at);

  List<HookAnswer> hookAnswers(long messageId);
}
