package dev.smsinbox.application.port;

import java.util.List;

/**
 * Reads the committed event log back (the live stream's replay and the integrators' cursors); the
 * {@link InboxEvents} port only publishes.
 *
 * <p>The log's order cannot be overtaken: an event that commits after a reader has read from the
 * log comes after everything that reader has read, so a reader that remembers its last {@link
 * Position} and asks for what follows never passes over an event. (Identity ids alone cannot
 * promise that: a transaction that took id 41 may commit after another one's 42 was read.)
 */
public interface InboxEventLog {

  /**
   * Where an event stands in the log; positions compare in the log's order.
   *
   * @param transaction the writing transaction's number where the database orders events by their
   *     transactions (PostgreSQL), else 0 (H2, whose ids are taken in commit order, and PostgreSQL
   *     events written before the log was ordered so)
   * @param id the event's own id, unique in the log
   */
  record Position(long transaction, long id) implements Comparable<Position> {

    /** Before every event. */
    public static final Position START = new Position(0, 0);

    public Position {
      if (transaction < 0 || id < 0) {
        throw new IllegalArgumentException(
            "A position is never negative: " + transaction + "-" + id);
      }
    }

    @Override
    public int compareTo(Position other) {
      int byTransaction = Long.compare(transaction, other.transaction);
      return byTransaction != 0 ? byTransaction : Long.compare(id, other.id);
    }

    public boolean isAfter(Position other) {
      return compareTo(other) > 0;
    }

    /**
     * The position as text, the form a screen resumes from (the SSE id): the id alone when the
     * transaction is 0 — the form every event id had before, so an id a screen kept from then still
     * reads — else {@code <transaction>-<id>}, e.g. {@code 812345-41}.
     */
    public String text() {
      return transaction == 0 ? Long.toString(id) : transaction + "-" + id;
    }

    /**
     * @throws IllegalArgumentException when the text is not a position this log gave out
     */
    public static Position parse(String text) {
      String plain = text.strip();
      int dash = plain.indexOf('-');
      try {
        return dash < 0
            ? new Position(0, digits(plain))
            : new Position(digits(plain.substring(0, dash)), digits(plain.substring(dash + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "'" + text + "' is not an event id of this inbox (they read like 41 or 812345-41)", e);
      }
    }

    /** Only decimal digits: Long.parseLong would also take a sign. */
    private static long digits(String text) {
      if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new NumberFormatException(text);
      }
      return Long.parseLong(text);
    }
  }

  /** One committed event: its position in the log, its type and its JSON. */
  /**
   * @param accountId the CRM account the event concerns; null for none
   * @param payload the event's JSON, which names the account as {@code accountId} too
   */
  record StoredEvent(Position position, String accountId, String type, String payload) {

    /** The event's id: what integrators see (SmsInboxEventId) and dead letters keep. */
    public long id() {
      return position.id();
    }
  }

  /** Events after {@code after}, in the log's order. */
  List<StoredEvent> after(Position after, int limit);

  /**
   * Whether events after {@code after} are committed but not yet readable, because a transaction
   * older than theirs is still under way (PostgreSQL; never on H2): a reader that wants them soon
   * looks again shortly rather than at its next tick.
   */
  default boolean heldBack(Position after) {
    return false;
  }

  /**
   * The position of the newest event a reader can be handed now; {@link Position#START} when there
   * is none. Reading on from it gives exactly the events committed from now on (and those whose
   * transactions were still under way).
   */
  Position last();
}
