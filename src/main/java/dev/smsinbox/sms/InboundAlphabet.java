package dev.smsinbox.sms;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How the octets of an inbound text are read, chosen from data_coding by {@link #of}. Reading never
 * guesses: octets that are not text in the alphabet the data_coding names make the text {@link
 * #decode unreadable}, and the caller keeps the octets instead.
 */
enum InboundAlphabet {
  /** GSM 03.38, one septet per octet: an octet above 0x7F is no septet. */
  GSM7,
  /** IA5 / US-ASCII: seven bits, so an octet above 0x7F is no character. */
  IA5,
  LATIN1,
  UCS2,
  CYRILLIC,
  HEBREW,
  /** A data_coding this inbox does not decode: its octets are kept as they are. */
  NONE;

  /**
   * Interprets SMPP data_coding. Values 0x00-0x0F have SMPP 3.4 meanings (§5.2.19); above them the
   * 3GPP TS 23.038 §4 coding groups apply: general data coding (0x10-0x1F, 0x40-0x5F; bits 3-2
   * choose GSM7, 8-bit or UCS2), message waiting (0xC0-0xDF GSM7, 0xE0-0xEF UCS2) and data coding /
   * message class (0xF0-0xFF; bit 2 set means 8-bit, else GSM7). 8-bit data (0x02, 0x04 and the
   * groups' 8-bit codings) is binary, not text; compressed text, pictograms, the Japanese and
   * Korean sets and reserved values are not decoded either: all of them are {@link #NONE}.
   *
   * @param defaultAlphabet what this carrier means by data_coding 0
   */
  static InboundAlphabet of(int dataCoding, DefaultAlphabet defaultAlphabet) {
    int dcs = dataCoding & 0xFF;
    switch (dcs) {
      case 0x00:
        return switch (defaultAlphabet) {
          case GSM7 -> GSM7;
          case LATIN1 -> LATIN1;
          case ASCII -> IA5;
        };
      case 0x01:
        return IA5;
      case 0x03:
        return LATIN1;
      case 0x06:
        return CYRILLIC;
      case 0x07:
        return HEBREW;
      case 0x08:
        return UCS2;
      default:
        break;
    }
    if ((dcs >= 0x10 && dcs <= 0x1F) || (dcs >= 0x40 && dcs <= 0x5F)) {
      return switch ((dcs >> 2) & 0x03) {
        case 0 -> GSM7;
        case 2 -> UCS2;
        default -> NONE; // 8-bit data, or reserved
      };
    } else if (dcs >= 0xC0 && dcs <= 0xDF) {
      return GSM7;
    } else if (dcs >= 0xE0 && dcs <= 0xEF) {
      return UCS2;
    } else if (dcs >= 0xF0) {
      return (dcs & 0x04) != 0 ? NONE : GSM7;
    }
    return NONE;
  }

  /**
   * Decodes {@code bytes} from {@code from} on.
   *
   * @return the text, or null when the octets are not text in this alphabet (an octet above 0x7F in
   *     GSM 03.38 or IA5, an odd number of octets in UCS-2, an octet ISO-8859-8 leaves undefined,
   *     any octets under {@link #NONE})
   */
  String decode(byte[] bytes, int from) {
    return switch (this) {
      case GSM7 ->
          sevenBit(bytes, from)
              ? Gsm7.decodeUnpacked(Arrays.copyOfRange(bytes, from, bytes.length))
              : null;
      case IA5 ->
          sevenBit(bytes, from)
              ? new String(bytes, from, bytes.length - from, StandardCharsets.US_ASCII)
              : null;
      case LATIN1 -> new String(bytes, from, bytes.length - from, StandardCharsets.ISO_8859_1);
      case UCS2 -> (bytes.length - from) % 2 == 0 ? Ucs2.decode(bytes, from) : null;
      case CYRILLIC -> strictly(Charset.forName("ISO-8859-5"), bytes, from);
      case HEBREW -> strictly(Charset.forName("ISO-8859-8"), bytes, from);
      case NONE -> null;
    };
  }

  private static boolean sevenBit(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** The text, or null when an octet has no character in the charset. */
  private static String strictly(Charset charset, byte[] bytes, int from) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, bytes.length - from))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
