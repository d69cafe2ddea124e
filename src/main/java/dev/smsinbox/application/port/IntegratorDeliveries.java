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

  void advance(String routeId, Position settled, Instant now);

  /** Events of the given types after {@code after}, in the event log's order. */
  List<StoredEvent> after(Position after, Collection<String> types, int limit);

  void deadLetter(String routeId, StoredEvent event, String error, int attempts, Instant at);

  List<DeadLetter> deadLetters(String routeId, int limit);

  void recordHookAnswer(HookAnswer answer, Instant at);

  List<HookAnswer> hookAnswers(long messageId);
}
