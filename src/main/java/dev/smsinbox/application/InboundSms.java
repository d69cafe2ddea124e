package dev.smsinbox.application;

import java.time.Instant;

/**
 * A customer's SMS as the carrier delivered it, already decoded and reassembled.
 *
 * @param from the customer's number as the SMSC wrote it (any common format)
 * @param to our number the customer texted
 */
public record InboundSms(
    String from, String to, String text, int segments, String encoding, Instant receivedAt) {}
