package dev.smsinbox.sms;

import java.util.Arrays;

/**
 * The GSM 03.38 default alphabet and its extension table, as tabulated in 3GPP TS 23.038 §6.2.1.
 *
 * <p>Mapping is exact: only the characters in the tables encode; nothing is folded or
 * transliterated (so 'ç' is not GSM, while 'Ç' is, and Latin 'A' never stands in for Greek 'Α').
 * Extension characters ({@code ^ { } \ [ ~ ] | €} and form feed) are sent as the escape septet 0x1B
 * followed by their extension code, so they cost two septets.
 */
public final class Gsm7 {

  /** Escape to the extension table. */
  static final int ESCAPE = 0x1B;

  /** Septet value to character; index 0x1B (escape) holds a placeholder never produced. */
  private static final String BASE =
      "@£$¥èéùìòÇ\nØø\rÅå"
          + "Δ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ"
          + " !\"#¤%&'()*+,-./"
          + "0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNO"
          + "PQRSTUVWXYZÄÖÑÜ§"
          + "¿abcdefghijklmno"
          + "pqrstuvwxyzäöñüà";

  private static final char[] EXTENSION = new char[128];

  /**
   * Character (BMP) to code: base septet in the low 7 bits, or 0x80 | extension septet; -1 none.
   */
  private static final short[] CODE = new short[0x10000];

  static {
    Arrays.fill(CODE, (short) -1);
    for (int septet = 0; septet < 128; septet++) {
      if (septet != ESCAPE) {
        CODE[BASE.charAt(septet)] = (short) septet;
      }
    }
    addExtension(0x0A, '\f');
    addExtension(0x14, '^');
    addExtension(0x28, '{');
    addExtension(0x29, '}');
    addExtension(0x2F, '\\');
    addExtension(0x3C, '[');
    addExtension(0x3D, '~');
    addExtension(0x3E, ']');
    addExtension(0x40, '|');
    addExtension(0x65, '€');
  }

  private Gsm7() {}

  private static void addExtension(int septet, char c) {
    EXTENSION[septet] = c;
    CODE[c] = (short) (0x80 | septet);
  }

  /** Whether every character of {@code text} is in the default alphabet or its extension table. */
  public static boolean canEncode(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (CODE[text.charAt(i)] < 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether the single UTF-16 unit {@code c} encodes; extension characters included. */
  static boolean canEncode(char c) {
    return CODE[c] >= 0;
  }

  /** Septets {@code c} costs: 1 for the base table, 2 for the extension table. */
  static int septets(char c) {
    short code = CODE[c];
    if (code < 0) {
      throw notGsm(c, -1);
    }
    return (code & 0x80) != 0 ? 2 : 1;
  }

  /**
   * Septets needed for {@code text}; extension characters count 2.
   *
   * @throws IllegalArgumentException if the text has a character outside the alphabet
   */
  public static int septets(String text) {
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      short code = CODE[text.charAt(i)];
      if (code < 0) {
        throw notGsm(text.charAt(i), i);
      }
      count += (code & 0x80) != 0 ? 2 : 1;
    }
    return count;
  }

  /**
   * One septet per octet (SMPP's usual form for data_coding 0), escapes included.
   *
   * @throws IllegalArgumentException if the text has a character outside the alphabet
   */
  public static byte[] encodeUnpacked(String text) {
    byte[] out = new byte[septets(text)];
    int o = 0;
    for (int i = 0; i < text.length(); i++) {
      short code = CODE[text.charAt(i)];
      if ((code & 0x80) != 0) {
        out[o++] = ESCAPE;
      }
      out[o++] = (byte) (code & 0x7F);
    }
    return out;
  }

  /**
   * Decodes one septet per octet. Lenient, never throws, and never invents '?': the high bit of an
   * octet is ignored; an escape followed by a code the extension table does not define yields the
   * base-table character for that code (23.038 §6.2.1.1); an escape followed by another escape, or
   * an escape as the last septet, yields a space (23.038: "display a space").
   */
  public static String decodeUnpacked(byte[] septets) {
    StringBuilder text = new StringBuilder(septets.length);
    for (int i = 0; i < septets.length; i++) {
      int septet = septets[i] & 0x7F;
      if (septet != ESCAPE) {
        text.append(BASE.charAt(septet));
      } else if (i + 1 >= septets.length) {
        text.append(' ');
      } else {
        int next = septets[++i] & 0x7F;
        if (next == ESCAPE) {
          text.append(' ');
        } else if (EXTENSION[next] != 0) {
          text.append(EXTENSION[next]);
        } else {
          text.append(BASE.charAt(next));
        }
      }
    }
    return text.toString();
  }

  /**
   * Packs septets 7 bits each into octets, least significant bit first (23.038 §6.1.2.1.1).
   *
   * @param fillBits zero bits (0..6) placed before the first septet, so that after a UDH the text
   *     starts on a septet boundary (23.040 §9.2.3.24). When exactly 7 bits are left over in the
   *     last octet they carry CR rather than zeros, as 23.038 §6.1.2.3.1 asks, so a receiver that
   *     derives the septet count from the octet count does not show a stray '@'.
   */
  public static byte[] pack(byte[] septets, int fillBits) {
    checkFill(fillBits);
    int bits = fillBits + 7 * septets.length;
    byte[] out = new byte[(bits + 7) / 8];
    for (int i = 0; i < septets.length; i++) {
      putSeptet(out, fillBits + 7 * i, septets[i] & 0x7F);
    }
    if (out.length * 8 - bits == 7) {
      putSeptet(out, bits, '\r');
    }
    return out;
  }

  /**
   * Reverses {@link #pack}.
   *
   * @param septetCount how many septets to read (the bytes alone cannot say: see {@link #pack})
   * @throws IllegalArgumentException if {@code packed} is too short for that many septets
   */
  public static byte[] unpack(byte[] packed, int septetCount, int fillBits) {
    checkFill(fillBits);
    if (septetCount < 0 || fillBits + 7L * septetCount > 8L * packed.length) {
      throw new IllegalArgumentException(
          septetCount
              + " septets after "
              + fillBits
              + " fill bits do not fit in "
              + packed.length
              + " octets");
    }
    byte[] out = new byte[septetCount];
    for (int i = 0; i < septetCount; i++) {
      int bit = fillBits + 7 * i;
      int value = (packed[bit / 8] & 0xFF) >>> (bit % 8);
      if (bit % 8 > 1) {
        value |= (packed[bit / 8 + 1] & 0xFF) << (8 - bit % 8);
      }
      out[i] = (byte) (value & 0x7F);
    }
    return out;
  }

  private static void putSeptet(byte[] out, int bit, int septet) {
    out[bit / 8] |= (byte) (septet << (bit % 8));
    if (bit % 8 > 1) {
      out[bit / 8 + 1] |= (byte) (septet >>> (8 - bit % 8));
    }
  }

  private static void checkFill(int fillBits) {
    if (fillBits < 0 || fillBits > 6) {
      throw new IllegalArgumentException("fill bits must be 0..6, was " + fillBits);
    }
  }

  private static IllegalArgumentException notGsm(char c, int index) {
    return new IllegalArgumentException(
        String.format(
            "U+%04X%s is not in the GSM 03.38 alphabet; send the text as UCS2",
            (int) c, index >= 0 ? " at index " + index : ""));
  }
}
