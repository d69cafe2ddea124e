package dev.smsinbox.domain;

import java.time.Instant;
import java.util.List;

/**
 * Parts of concatenated inbound SMS waiting for the rest of their set. A filed set's parts stay a
 * while, marked filed, so that a part the carrier delivers again is recognised rather than starting
 * a new set that would be filed as a fragment.
 */
public interface InboundPartRepository {

  /**
   * One waiting part; the key is sender, our number, reference and total.
   *
   * @param unreadable the part's octets when its text could not be read, else null
   */
  record WaitingPart(
      String from,
      String to,
      int reference,
      int total,
      int sequence,
      String text,
      String encoding,
      Instant receivedAt,
      UnreadableText unreadable) {

    /** Its length as stored: characters, or octets when unreadable. */
    public int length() {
      return unreadable == null ? text.length() : unreadable.octets();
    }
  }

  /** What {@link #save} did with a part. */
  enum Saved {
    /** Stored to wait for the rest of its set. */
    STORED,
    /** The same part already waits (an SMSC redelivery): kept once. */
    ALREADY_WAITING,
    /** The same part belongs to a set filed lately (an SMSC redelivery): nothing to do. */
    ALREADY_FILED
  }

  /**
   * Stores the part unless it is a redelivery. A part with the same key and number but another text
   * than a filed one means the sender reused the reference for a new message: the filed set's parts
   * are forgotten and this one waits.
   */
  Saved save(WaitingPart part);

  /**
   * Locks the set until the transaction ends, across every instance on the database: two parts of
   * one set (or a part and the timeout's filing) arriving on two instances take turns, so the part
   * that completes the set sees all the others and the set is filed once. Sets may share a lock.
   */
  void lockSet(String from, String to, int reference, int total);

  /** The parts of a set that still wait, in sequence order. */
  List<WaitingPart> set(String from, String to, int reference, int total);

  /** Marks the set's waiting parts filed at {@code at}. */
  void markFiled(String from, String to, int reference, int total, Instant at);

  /**
   * Sets whose first part arrived before {@code before} and that are not set aside beyond {@code
   * now}: their keys and first arrival, oldest first.
   */
  List<WaitingPart> staleSets(Instant before, Instant now, int limit);

  /** A set that could not be filed waits until {@code retryAt}, with why, not holding up others. */
  void setAside(String from, String to, int reference, int total, Instant retryAt, String error);

  /** Forgets the parts of sets filed before {@code before}. @return how many */
  int purgeFiled(Instant before);
}
