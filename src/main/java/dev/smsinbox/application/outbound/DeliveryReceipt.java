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
public record DeliveryReceipt(String smscMessageId, MessageStatus status, String error) {}
