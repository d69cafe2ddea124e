package dev.smsinbox.application.port;

import java.util.List;

/**
 * Reads the committed event log back (the live stream's replay and the integrators' cursors); the
 * {@link InboxEvents} port only publishes.
 */
public interface InboxEventLog {

  /** One committed event: its position in the log, its type and its JSON. */
  record StoredEvent(long id, String type, String payload) {}

  /** Events after {@code afterId}, oldest first. */
  List<StoredEvent> after(long afterId, int limit);

  /** The newest event's id, 0 when the log is empty. */
  long lastId();
}
