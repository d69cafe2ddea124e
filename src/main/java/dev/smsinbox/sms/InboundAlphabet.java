package dev.smsinbox.sms;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** How the octets of an inbound text are read, chosen from data_coding by {@link #of}. */
enum InboundAlphabet {
  GSM7,
  /** Also 8-bit binary: kept as one character per octet, so no octet is lost. */
  LATIN1,
  UCS2,
  CYRILLIC,
  HEBREW;

  /**
   * Interprets SMPP data_coding. Values 0x00-0x0F have SMPP 3.4 meanings (§5.2.19); above them the
   * 3GPP TS 23.038 §4 coding groups apply: general data coding (0x10-0x1F, 0x40-0x5F; bits 3-2
   * choose GSM7, 8-bit or UCS2), message waiting (0xC0-0xDF GSM7, 0xE0-0xEF UCS2) and data coding /
   * message class (0xF0-0xFF; bit 2 set means 8-bit, else GSM7).
   *
   * @param defaultAlphabet what this carrier means by data_coding 0
   * @throws MalformedSmsException for codings this inbox cannot read (compressed text, pictograms,
   *     Japanese and Korean sets, reserved values)
   */
  static InboundAlphabet of(int dataCoding, DefaultAlphabet defaultAlphabet) {
    int dcs = dataCoding & 0xFF;
    switch (dcs) {
      case 0x00:
        return switch (defaultAlphabet) {
          case GSM7 -> GSM7;
          case LATIN1, ASCII -> LATIN1;
        };
      case 0x01, 0x02, 0x03, 0x04:
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
      switch ((dcs >> 2) & 0x03) {
        case 0:
          return GSM7;
        case 1:
          return LATIN1;
        case 2:
          return UCS2;
        default:
          break;
      }
    } else if (dcs >= 0xC0 && dcs <= 0xDF) {
      return GSM7;
    } else if (dcs >= 0xE0 && dcs <= 0xEF) {
      return UCS2;
    } else if (dcs >= 0xF0) {
      return (dcs & 0x04) != 0 ? LATIN1 : GSM7;
    }
    throw new MalformedSmsException(
        String.format(
            "data_coding 0x%02X is not supported (compressed, pictogram, JIS, KS C 5601 or"
                + " reserved); ask the carrier to deliver text as GSM 7-bit (0x00), Latin-1 (0x03)"
                + " or UCS-2 (0x08)",
            dcs));
  }

  /**
   * Decodes {@code bytes} from {@code from} on. GSM7, Latin-1 and UCS-2 keep every octet; only the
   * few octets ISO-8859-8 leaves undefined become U+FFFD.
   */
  String decode(byte[] bytes, int from) {
    return switch (this) {
      case GSM7 -> Gsm7.decodeUnpacked(Arrays.copyOfRange(bytes, from, bytes.length));
      case LATIN1 -> new String(bytes, from, bytes.length - from, StandardCharsets.ISO_8859_1);
      case UCS2 -> Ucs2.decode(bytes, from);
      case CYRILLIC -> new String(bytes, from, bytes.length - from, Charset.forName("ISO-8859-5"));
      case HEBREW -> new String(bytes, from, bytes.length - from, Charset.forName("ISO-8859-8"));
    };
  }
}
