package dev.smsinbox.application.inbound;

import dev.smsinbox.domain.ListPosition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Inbound SMS committed as they arrive, before the carrier is told they are ours, and filed into
 * contacts and conversations right after by {@link InboundFiler}. Appending is one insert for a
 * whole batch, so the acknowledgement waits for little more than a commit; an entry leaves the
 * journal in the transaction that files it, so each is filed exactly once, after a restart too.
 */
public interface InboundJournal {

  /**
   * An SMS waiting to be filed.
   *
   * @param attempts how many times filing it on its own has failed
   * @param error why the last attempt failed, null before any failed
   * @param retryAt when it is tried again, null when it is due now
   */
  record Entry(long id, InboundSms sms, int attempts, String error, Instant retryAt) {

    public Entry(long id, InboundSms sms, int attempts) {
      this(id, sms, attempts, null, null);
    }
  }

  /** Adds the SMS in the current transaction, in order. */
  void append(List<InboundSms> sms);

  /**
   * The oldest entries due for filing (never tried, or due again by {@code now}), locked until the
   * current transaction ends so that no other filer takes them meanwhile.
   */
  List<Entry> due(Instant now, int limit);

  /**
   * The entries {@link #due} would answer, removed in the current transaction: filed by it, or back
   * in the journal if it rolls back. (One statement where the database can: taking and removing
   * apart cost a round trip and a row lock an SMS more.)
   */
  List<Entry> take(Instant now, int limit);

  /**
   * The same journal read by another filer beside the one reading this: {@link #take} skips what
   * another filer holds and holds back a customer's later SMS while an earlier one is filed there.
   * Each reader keeps its own place in the journal (where it took last, what it held back): one
   * place shared by two filers would be moved past what either held back.
   */
  InboundJournal forAnotherFiler();

  /** One entry, locked as {@link #due} locks them; empty when it was filed meanwhile. */
  Optional<Entry> lock(long id);

  /** Removes filed entries. */
  void remove(List<Long> ids);

  /** Keeps an entry that could not be filed, with why, until {@code retryAt}. */
  void postpone(long id, int attempts, Instant retryAt, String error);

  /** How many SMS wait to be filed. */
  long depth();

  /**
   * When the oldest entry that has not failed to be filed was received; empty when there is none.
   * Entries are filed oldest first, so what was received before it is filed (or among the unfiled
   * with an error).
   */
  Optional<Instant> oldestWaiting();

  /** One entry as it stands, without locking it; empty when it was filed. */
  Optional<Entry> find(long id);

  /**
   * Entries that could not be filed (at least one attempt failed), latest received first, starting
   * after {@code after} (null: the latest).
   */
  List<Entry> unfiled(ListPosition after, int limit);
}
