package dev.smsinbox.sms;

/**
 * UCS-2 as carriers use it today: UTF-16BE code units. Code units are copied as they are, with no
 * replacement of lone surrogates, so an emoji whose two halves a carrier put into different parts
 * is whole again once the parts' texts are joined.
 */
final class Ucs2 {

  private Ucs2() {}

  static byte[] encode(String text) {
    byte[] out = new byte[text.length() * 2];
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out[2 * i] = (byte) (c >>> 8);
      out[2 * i + 1] = (byte) c;
    }
    return out;
  }

  /**
   * @throws MalformedSmsException on an odd number of octets
   */
  static String decode(byte[] bytes, int from) {
    int length = bytes.length - from;
    if (length % 2 != 0) {
      throw new MalformedSmsException(
          "UCS-2 text (data_coding 8) must have an even number of octets, but has "
              + length
              + (from > 0 ? " after the " + from + "-octet UDH" : ""));
    }
    char[] chars = new char[length / 2];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) (((bytes[from + 2 * i] & 0xFF) << 8) | (bytes[from + 2 * i + 1] & 0xFF));
    }
    return new String(chars);
  }
}
