package dev.smsinbox.runtime.simulator;

import dev.smsinbox.runtime.simulator.SmscSimulator.PduRecord;
import dev.smsinbox.sms.InboundPart;
import java.time.Instant;
import org.jsmpp.session.SMPPServerSession;

/**
 * One accepted submit_sm: what it said, the id it was given, and whether its receipt went out.
 *
 * @param receiptState the stat its receipt will carry, or null when no receipt is due (receipts
 *     off, or registered_delivery did not ask for one). Fixed at submit time so a test that changes
 *     the state later does not change receipts already promised.
 */
record SubmittedPart(
    String messageId,
    SmppAddress source,
    SmppAddress destination,
    PduRecord pdu,
    InboundPart decoded,
    Instant at,
    String receiptState,
    SMPPServerSession session,
    ReceiptMark receipt) {

  SubmittedPart {
    if (receipt == null) {
      receipt = new ReceiptMark();
    }
  }

  boolean receiptDue() {
    return receiptState != null;
  }

  /** Set once, from the receipt thread, when the ESME acknowledged the receipt. */
  static final class ReceiptMark {
    private volatile String sent;

    String sent() {
      return sent;
    }

    void sent(String stat) {
      sent = stat;
    }
  }
}
