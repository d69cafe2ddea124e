package dev.smsinbox.sms;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One submit_sm ready to go.
 *
 * @param number 1-based position of this part
 * @param total number of parts of the message
 * @param encoding alphabet of the text
 * @param udhi whether {@code shortMessage} starts with a user data header; set esm_class bit 0x40
 *     when true
 * @param shortMessage the short_message octets, UDH included when {@code udhi} is true. The record
 *     keeps its own copy and hands out copies, so a part cannot be changed after it is built.
 */
public record SmsPart(
    int number, int total, SmsEncoding encoding, boolean udhi, byte[] shortMessage) {

  public SmsPart {
    Objects.requireNonNull(encoding, "encoding");
    shortMessage = shortMessage.clone();
  }

  @Override
  public byte[] shortMessage() {
    return shortMessage.clone();
  }

  /** The SMPP data_coding value for this part's submit_sm. */
  public byte dataCoding() {
    return encoding.dataCoding();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SmsPart that
        && number == that.number
        && total == that.total
        && encoding == that.encoding
        && udhi == that.udhi
        && Arrays.equals(shortMessage, that.shortMessage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(number, total, encoding, udhi, Arrays.hashCode(shortMessage));
  }

  @Override
  public String toString() {
    return "SmsPart[%d/%d %s udhi=%s %s]"
        .formatted(number, total, encoding, udhi, HexFormat.of().formatHex(shortMessage));
  }
}
