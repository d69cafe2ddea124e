package dev.smsinbox.application.outbound;

import dev.smsinbox.domain.MessageStatus;

/**
 * What the carrier reported about one submitted part.
 *
 * @param smscMessageId the id the SMSC gave the part at submit time, as the receipt writes it
 * @param status DELIVERED, FAILED, EXPIRED, REJECTED; SENT for intermediate states (ENROUTE,
 *     ACCEPTED)
 * @param error the carrier's error code and state when it is not a success, else null
 */
public record DeliveryReceipt(String smscMessageId, MessageStatus status, String error) {

  /**
   * The longest SMSC message id (SMPP 3.4's message_id: 65 octets), as the parts and the receipts
   * that wait for them keep it. A receipt with a longer id is refused: it matches no submit.
   */
  public static final int MAX_ID = 65;

  /** The longest error the inbox keeps with a part; a longer one is cut, the status stands. */
  public static final int MAX_ERROR = 500;

  public DeliveryReceipt {
    if (error != null && error.length() > MAX_ERROR) {
      error = error.substring(0, MAX_ERROR);
    }
  }
}
