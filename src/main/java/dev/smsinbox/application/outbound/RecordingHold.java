package dev.smsinbox.application.outbound;

import java.util.List;

/**
 * A pause in the transaction that records a part's SMSC id, for the tests only: it lets a test hold
 * that transaction open while the part's receipt arrives, the timing that used to strand receipts.
 * {@link #NONE} everywhere else; a server switches another on only through a test setting.
 */
public interface RecordingHold {

  /**
   * Called inside the recording transaction, after the part's SMSC id was written and before the
   * parked receipts are looked at.
   */
  default void whileRecording(String destination, List<String> smscIdSpellings) {}

  /**
   * Called inside a receipt's transaction once it found no part, before it parks the receipt and
   * commits: the moment that used to strand it when the part's recording looked right then.
   */
  default void foundNoPart(String smscMessageId) {}

  RecordingHold NONE = new RecordingHold() {};
}
