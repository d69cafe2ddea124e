package dev.smsinbox.runtime;

import dev.smsinbox.application.outbound.RecordingHold;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The test setting {@code smpp.test.hold-recording-to}: the transaction recording the SMSC id of a
 * part sent to that number stays open, after the id is written, until the part's receipt has looked
 * for the part and not found it (or ten seconds have passed): the receipt is then about to park
 * itself and commit while the recording goes on to look for parked receipts, the timing that used
 * to strand a receipt. Never set outside the tests.
 */
final class HeldRecording implements RecordingHold {

  private static final Logger LOG = Logger.getLogger(HeldRecording.class.getName());
  private static final Duration LONGEST = Duration.ofSeconds(10);

  private final String digits;
  private final Set<String> missed = new HashSet<>();

  HeldRecording(String number) {
    this.digits = digits(number);
    LOG.warning(
        () ->
            "TEST SETTING smpp.test.hold-recording-to: recordings of parts to " + number + " wait");
  }

  @Override
  public void whileRecording(String destination, List<String> smscIdSpellings) {
    if (!digits.equals(digits(destination))) {
      return;
    }
    long until = System.nanoTime() + LONGEST.toNanos();
    synchronized (this) {
      while (smscIdSpellings.stream().noneMatch(missed::contains)) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          LOG.warning(() -> "Held recording of " + smscIdSpellings.get(0) + ": no receipt came");
          return;
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    LOG.info(
        () ->
            "Held recording of " + smscIdSpellings.get(0) + " goes on: its receipt found no part");
  }

  @Override
  public synchronized void foundNoPart(String smscMessageId) {
    missed.add(smscMessageId.strip());
    notifyAll();
  }

  private static String digits(String number) {
    return number == null ? "" : number.replaceAll("[^0-9]", "");
  }
}
