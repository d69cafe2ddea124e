package dev.smsinbox.application.port;

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
   * The route's cursor; a route seen for the first time starts at {@code startAt} (it hears what is
   * committed from then on, not the whole history).
   */
  long cursor(String routeId, long startAt, Instant now);

  void advance(String routeId, long eventId, Instant now);

  /** Events of the given types after {@code afterId}, oldest first. */
  List<StoredEvent> after(long afterId, Collection<String> types, int limit);

  void deadLetter(String routeId, StoredEvent event, String error, int attempts, Instant at);

  List<DeadLetter> deadLetters(String routeId, int limit);

  void recordHookAnswer(HookAnswer answer, Instant at);

  List<HookAnswer> hookAnswers(long messageId);
}
