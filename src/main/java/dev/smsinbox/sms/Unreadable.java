package dev.smsinbox.sms;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The octets of an inbound text the inbox cannot read, exactly as the carrier sent them (after any
 * UDH), and the data_coding they came under. Kept instead of a text guessed from them: an octet
 * outside the alphabet the data_coding names, UCS-2 with an odd number of octets, or a data_coding
 * the inbox does not decode (compressed, 8-bit data, pictograms, JIS, KS C 5601, reserved values).
 *
 * @param dataCoding the data_coding field, 0x00 – 0xFF
 */
public record Unreadable(int dataCoding, byte[] octets) {

  public Unreadable {
    octets = octets.clone();
  }

  @Override
  public byte[] octets() {
    return octets.clone();
  }

  public int length() {
    return octets.length;
  }

  /** The octets as lower-case hex, two digits an octet. */
  public String hex() {
    return HexFormat.of().formatHex(octets);
  }

  /**
   * What the inbox shows instead of a text: "unreadable message (data coding 0x0F, 140 octets)".
   */
  public String describe() {
    return describe(dataCoding, octets.length);
  }

  public static String describe(int dataCoding, int octets) {
    return String.format(
        "unreadable message (data coding 0x%02X, %d octet%s)",
        dataCoding & 0xFF, octets, octets == 1 ? "" : "s");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Unreadable that
        && dataCoding == that.dataCoding
        && Arrays.equals(octets, that.octets);
  }

  @Override
  public int hashCode() {
    return 31 * dataCoding + Arrays.hashCode(octets);
  }

  @Override
  public String toString() {
    return "Unreadable[" + describe() + ": " + hex() + "]";
  }
}
