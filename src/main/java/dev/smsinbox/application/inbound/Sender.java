package dev.smsinbox.application.inbound;

import dev.smsinbox.sms.PhoneNumbers;
import java.util.Optional;

/**
 * Who sent an inbound SMS: a phone number (E.164), or a business's alphanumeric sender ID, which
 * can be read but never answered.
 *
 * @param address E.164, or the sender ID as written
 */
record Sender(String address, boolean senderId) {

  /**
   * @param raw the source address as the carrier wrote it
   * @param region where a number without a country code is read (our number's country)
   * @return empty when the address is neither a phone number nor a sender ID
   */
  static Optional<Sender> of(String raw, String region) {
    // A sender ID first: a word such as "24SEVEN" would otherwise be read as a vanity number.
    Optional<String> id = PhoneNumbers.alphanumericSender(raw);
    if (id.isPresent()) {
      return Optional.of(new Sender(id.get(), true));
    }
    return PhoneNumbers.toE164(raw, region).map(e164 -> new Sender(e164, false));
  }

  static String notASender(String raw) {
    return "The sender address '"
        + raw
        + "' is neither a phone number nor an alphanumeric sender ID (at most "
        + PhoneNumbers.MAX_SENDER_ID
        + " letters, digits and spaces).";
  }
}
