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
   * @throws IllegalArgumentException on an odd number of octets (the caller checks first: such
   *     octets are kept as unreadable, not decoded)
   */
  static String decode(byte[] bytes, int from) {
    int length = bytes.length - from;
    if (length % 2 != 0) {
      throw new IllegalArgumentException("UCS-2 needs an even number of octets, not " + length);
    }
    char[] chars = new char[length / 2];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) (((bytes[from + 2 * i] & 0xFF) << 8) | (bytes[from + 2 * i + 1] & 0xFF));
    }
    return new String(chars);
  }
}
