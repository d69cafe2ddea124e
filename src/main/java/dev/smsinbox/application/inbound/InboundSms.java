package dev.smsinbox.application.inbound;

import java.time.Instant;

/**
 * A customer's SMS as the carrier delivered it, already decoded and reassembled.
 *
 * @param from the customer's number as the SMSC wrote it (any common format)
 * @param to our number the customer texted
 * @param incomplete a concatenated SMS filed with only the parts that arrived
 */
public record InboundSms(
    String from,
    String to,
    String text,
    int segments,
    String encoding,
    Instant receivedAt,
    boolean incomplete) {

  public InboundSms(
      String from, String to, String text, int segments, String encoding, Instant receivedAt) {
    this(from, to, text, segments, encoding, receivedAt, false);
  }
}
