package dev.smsinbox.sms;

/**
 * The user data header (3GPP TS 23.040 §9.2.3.24) at the start of a short_message whose esm_class
 * has UDHI (0x40) set. We build only the 8-bit-reference concatenation header; we parse any header,
 * read concatenation from IE 0x00 (8-bit reference) or IE 0x08 (16-bit reference) and skip every
 * other information element.
 *
 * @param octets length of the whole header including its length octet; the text starts here
 * @param concatenation the concatenation IE, or null when the header carries none
 */
public record UserDataHeader(int octets, Concatenation concatenation) {

  /** Octets of the header {@link #concatenation(int, int, int)} builds. */
  public static final int CONCATENATION_OCTETS = 6;

  private static final int IE_CONCAT_8BIT = 0x00;
  private static final int IE_CONCAT_16BIT = 0x08;

  /**
   * {@code 05 00 03 ref total seq}: a concatenation header with an 8-bit reference.
   *
   * @throws IllegalArgumentException if a value does not fit its octet or sequence is not 1..total
   */
  public static byte[] concatenation(int reference, int total, int sequence) {
    if (reference < 0 || reference > 0xFF) {
      throw new IllegalArgumentException("8-bit concatenation reference must be 0..255");
    }
    if (total < 1 || total > 0xFF || sequence < 1 || sequence > total) {
      throw new IllegalArgumentException("part " + sequence + " of " + total + " is impossible");
    }
    return new byte[] {0x05, IE_CONCAT_8BIT, 0x03, (byte) reference, (byte) total, (byte) sequence};
  }

  /**
   * Zero bits between a header of {@code headerOctets} and packed GSM text, so the first septet
   * starts on a septet boundary counted from the start of the user data (6 octets need 1 bit).
   */
  public static int fillBits(int headerOctets) {
    return (7 - (headerOctets * 8) % 7) % 7;
  }

  /**
   * Reads the header at the start of {@code userData}. When an IE occurs twice the last one wins,
   * as 23.040 §9.2.3.24 says for repeated IEs.
   *
   * @throws MalformedSmsException if the header does not fit the bytes or a concatenation IE is
   *     impossible
   */
  public static UserDataHeader parse(byte[] userData) {
    if (userData.length == 0) {
      throw new MalformedSmsException(
          "esm_class has UDHI (0x40) set but the message has no octets, so there is no UDH");
    }
    int end = 1 + (userData[0] & 0xFF);
    if (end > userData.length) {
      throw new MalformedSmsException(
          "UDH length octet says "
              + (end - 1)
              + " header octets follow but the message has only "
              + (userData.length - 1)
              + "; is UDHI (esm_class 0x40) set on a message without a UDH?");
    }
    Concatenation concatenation = null;
    int pos = 1;
    while (pos < end) {
      if (pos + 2 > end) {
        throw new MalformedSmsException(
            "UDH ends inside an information element header at octet " + pos);
      }
      int iei = userData[pos] & 0xFF;
      int length = userData[pos + 1] & 0xFF;
      int data = pos + 2;
      if (data + length > end) {
        throw new MalformedSmsException(
            String.format(
                "UDH information element 0x%02X says %d octets but the UDH has only %d left",
                iei, length, end - data));
      }
      if (iei == IE_CONCAT_8BIT) {
        requireLength(iei, length, 3);
        concatenation =
            new Concatenation(
                userData[data] & 0xFF, userData[data + 1] & 0xFF, userData[data + 2] & 0xFF);
      } else if (iei == IE_CONCAT_16BIT) {
        requireLength(iei, length, 4);
        concatenation =
            new Concatenation(
                ((userData[data] & 0xFF) << 8) | (userData[data + 1] & 0xFF),
                userData[data + 2] & 0xFF,
                userData[data + 3] & 0xFF);
      }
      pos = data + length;
    }
    return new UserDataHeader(end, concatenation);
  }

  private static void requireLength(int iei, int actual, int expected) {
    if (actual != expected) {
      throw new MalformedSmsException(
          String.format(
              "UDH concatenation element 0x%02X must be %d octets long, was %d",
              iei, expected, actual));
    }
  }
}
