package dev.smsinbox.application.outbound;

import dev.smsinbox.application.port.InboxTelemetry;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.EarlyReceipts;
import dev.smsinbox.domain.EarlyReceipts.EarlyReceipt;
import dev.smsinbox.domain.OutboundPart;
import dev.smsinbox.domain.PartLedger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A delivery receipt moves a part, and through its parts the message, forward. SMSCs write the same
 * id in decimal in one place and in hex in another, so each spelling is tried.
 *
 * <p>Exactly once, whatever its timing: a receipt that finds no part is parked, and the recording
 * of a part's SMSC id takes the parked receipt. Both first take the same lock ({@link
 * EarlyReceipts#meet}, keyed by the id's spellings), so they cannot both miss each other: the one
 * that takes it second looks only after the first committed (READ COMMITTED: each statement sees
 * what was committed before it began). The receipt then finds the part, or the recording finds the
 * parked receipt. Taking the parked receipt deletes it in the transaction that applies it, and a
 * final part status is never changed, so none is applied twice.
 */
public class RecordDeliveryReceipt {

  private static final Logger LOG = Logger.getLogger(RecordDeliveryReceipt.class.getName());

  private final UnitOfWork unitOfWork;
  private final PartLedger ledger;
  private final OutboundStatus status;
  private final Clock clock;
  private final InboxTelemetry telemetry;
  private final EarlyReceipts early;
  private volatile RecordingHold hold = RecordingHold.NONE;

  public RecordDeliveryReceipt(
      UnitOfWork unitOfWork,
      PartLedger ledger,
      OutboundStatus status,
      InboxTelemetry telemetry,
      EarlyReceipts early,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.ledger = ledger;
    this.status = status;
    this.clock = clock;
    this.telemetry = telemetry;
    this.early = early;
  }

  /** Only a test setting calls this (see {@link RecordingHold}). */
  public void holdRecordings(RecordingHold hold) {
    this.hold = hold;
  }

  /**
   * @return whether the receipt matched one of our parts (else it was parked)
   */
  public boolean record(DeliveryReceipt receipt) {
    return unitOfWork.inTransaction(
        () -> {
          List<String> spellings = spellings(receipt.smscMessageId());
          early.meet(spellings);
          Optional<OutboundPart> part = ledger.findPartBySmscId(spellings);
          telemetry.receipt(receipt.status());
          if (part.isEmpty()) {
            hold.foundNoPart(receipt.smscMessageId());
            // Ahead of the recording of its submit (or during it): parked, taken by that recording.
            early.keep(
                new EarlyReceipt(receipt.smscMessageId(), receipt.status(), receipt.error()),
                clock.instant());
            LOG.info(
                () ->
                    "Delivery receipt for SMSC id "
                        + receipt.smscMessageId()
                        + " ("
                        + receipt.status()
                        + ") parked until its submit is recorded");
            return false;
          }
          OutboundPart found = part.get();
          if (found.status().isFinal()) {
            return true; // a repeated or late receipt never undoes a final state
          }
          ledger.updatePart(
              found.messageId(),
              found.partNumber(),
              receipt.status(),
              receipt.error(),
              clock.instant());
          status.settle(found.messageId());
          return true;
        });
  }

  /**
   * Applies a receipt that arrived before this part's submit was recorded, inside the caller's
   * transaction (the one recording the part, after it wrote the SMSC id).
   */
  public void applyEarly(long messageId, int partNumber, String smscMessageId, String destination) {
    List<String> spellings = spellings(smscMessageId);
    hold.whileRecording(destination, spellings);
    early.meet(spellings);
    early
        .take(spellings)
        .ifPresent(
            receipt -> {
              ledger.updatePart(
                  messageId, partNumber, receipt.status(), receipt.error(), clock.instant());
              LOG.info(
                  () ->
                      "Early delivery receipt applied to message "
                          + messageId
                          + " part "
                          + partNumber
                          + ": "
                          + receipt.status());
            });
  }

  /** The id as written, and its decimal or hex twin. */
  public static List<String> spellings(String id) {
    List<String> all = new ArrayList<>();
    String trimmed = id.strip();
    all.add(trimmed);
    try {
      if (trimmed.chars().allMatch(Character::isDigit)) {
        all.add(Long.toHexString(Long.parseLong(trimmed)));
        all.add(Long.toHexString(Long.parseLong(trimmed)).toUpperCase());
      }
      if (trimmed.matches("(?i)[0-9a-f]+")) {
        all.add(Long.toString(Long.parseLong(trimmed, 16)));
      }
    } catch (NumberFormatException tooLong) {
      // ids beyond 64 bits are only matched as written
    }
    // SMSCs may pad with leading zeros in one place and not the other.
    String unpadded = trimmed.replaceFirst("^0+(?=.)", "");
    if (!unpadded.equals(trimmed)) {
      all.add(unpadded);
    }
    return all.stream().distinct().toList();
  }
}
