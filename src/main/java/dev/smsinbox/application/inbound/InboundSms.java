package dev.smsinbox.application.inbound;

import dev.smsinbox.domain.UnreadableText;
import java.time.Instant;

/**
 * A customer's SMS as the carrier delivered it, already decoded and reassembled.
 *
 * @param from the customer's number as the SMSC wrote it (any common format), or a business's
 *     alphanumeric sender ID
 * @param to our number the customer texted
 * @param text what they wrote; for an unreadable SMS, the description of its octets
 * @param incomplete a concatenated SMS filed with only the parts that arrived
 * @param unreadable the octets of a text the inbox could not read, else null
 */
public record InboundSms(
    String from,
    String to,
    String text,
    int segments,
    String encoding,
    Instant receivedAt,
    boolean incomplete,
    UnreadableText unreadable) {

  /**
   * The longest text the inbox stores (the journal's and the message's body column): a longer one
   * is refused before it is acknowledged, since it could never be stored.
   */
  public static final int MAX_TEXT = 100_000;

  /** The most octets of an unreadable text the inbox stores, as for a text. */
  public static final int MAX_OCTETS = 100_000;

  public InboundSms(
      String from,
      String to,
      String text,
      int segments,
      String encoding,
      Instant receivedAt,
      boolean incomplete) {
    this(from, to, text, segments, encoding, receivedAt, incomplete, null);
  }

  public InboundSms(
      String from, String to, String text, int segments, String encoding, Instant receivedAt) {
    this(from, to, text, segments, encoding, receivedAt, false, null);
  }

  /** The same SMS with its addresses as the inbox files them (E.164, or a sender ID). */
  InboundSms addressed(String sender, String ourNumber) {
    return new InboundSms(
        sender, ourNumber, text, segments, encoding, receivedAt, incomplete, unreadable);
  }

  /**
   * What a redelivery of this SMS has in common with it besides its addresses: the text, and for an
   * unreadable one its octets (its description is the same for any octets of that length).
   */
  String content() {
    return unreadable == null
        ? text
        : text + "\n" + unreadable.dataCoding() + ":" + unreadable.hex();
  }
}
