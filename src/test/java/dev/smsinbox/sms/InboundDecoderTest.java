package dev.smsinbox.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InboundDecoderTest {

  private static final int UDHI = 0x40;

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  private static InboundPart decode(int dataCoding, int esmClass, String shortMessage) {
    return InboundDecoder.decode(
        dataCoding, esmClass, hex(shortMessage), null, null, null, null, DefaultAlphabet.GSM7);
  }

  static Stream<Arguments> dataCodings() {
    return Stream.of(
        Arguments.of(0x00, DefaultAlphabet.GSM7, "00 01 02", "@£$"),
        Arguments.of(0x00, DefaultAlphabet.GSM7, "1B 65 7D", "€ñ"),
        Arguments.of(0x00, DefaultAlphabet.LATIN1, "40 A3 F1", "@£ñ"),
        Arguments.of(0x00, DefaultAlphabet.ASCII, "48 69", "Hi"),
        Arguments.of(0x01, DefaultAlphabet.GSM7, "48 69 40", "Hi@"),
        Arguments.of(0x03, DefaultAlphabet.GSM7, "E9 A3", "é£"),
        Arguments.of(0x06, DefaultAlphabet.GSM7, "BF E0", "Пр"),
        Arguments.of(0x07, DefaultAlphabet.GSM7, "E0", "א"),
        Arguments.of(0x08, DefaultAlphabet.GSM7, "D8 3D DE 00", "😀"),
        Arguments.of(0x08, DefaultAlphabet.GSM7, "20 AC 04 1F 06 45", "€Пم"),
        Arguments.of(0x08, DefaultAlphabet.GSM7, "", ""),
        // 3GPP TS 23.038 coding groups above SMPP's own values
        Arguments.of(0x11, DefaultAlphabet.LATIN1, "00", "@"),
        Arguments.of(0x18, DefaultAlphabet.GSM7, "00 41", "A"),
        Arguments.of(0x48, DefaultAlphabet.GSM7, "00 41", "A"),
        Arguments.of(0xC8, DefaultAlphabet.GSM7, "00", "@"),
        Arguments.of(0xD1, DefaultAlphabet.GSM7, "00", "@"),
        Arguments.of(0xE0, DefaultAlphabet.GSM7, "00 41", "A"),
        Arguments.of(0xF0, DefaultAlphabet.LATIN1, "00", "@"),
        Arguments.of(0xF1, DefaultAlphabet.GSM7, "01", "£"),
        // every octet under 0x80 is a septet, and 0x7F a character like any other
        Arguments.of(0x00, DefaultAlphabet.GSM7, "7F 7E", "àü"),
        Arguments.of(0x00, DefaultAlphabet.LATIN1, "FF", "ÿ"),
        Arguments.of(0x06, DefaultAlphabet.GSM7, "A1", "Ё"));
  }

  @ParameterizedTest
  @MethodSource("dataCodings")
  void decodesEachDataCoding(int dataCoding, DefaultAlphabet alphabet, String bytes, String text) {
    InboundPart part =
        InboundDecoder.decode(dataCoding, 0, hex(bytes), null, null, null, null, alphabet);
    assertEquals(new InboundPart(text, null), part);
  }

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of(0x00, "05 00 03 2A 03 02 68 69", "hi", new Concatenation(42, 3, 2)),
        Arguments.of(0x00, "06 08 04 12 34 02 01 68 69", "hi", new Concatenation(0x1234, 2, 1)),
        // another IE (0x0A text formatting) first: skipped
        Arguments.of(0x00, "09 0A 02 00 10 00 03 07 02 02 41", "A", new Concatenation(7, 2, 2)),
        // a header without concatenation (port addressing): text only
        Arguments.of(0x03, "06 05 04 0B 84 23 F0 41", "A", null),
        Arguments.of(0x08, "05 00 03 FF 02 02 D8 3D DE 00", "😀", new Concatenation(255, 2, 2)),
        // repeated IE: the last one counts
        Arguments.of(0x00, "0A 00 03 01 02 01 00 03 09 02 02 41", "A", new Concatenation(9, 2, 2)),
        Arguments.of(0x00, "00 41", "A", null));
  }

  @ParameterizedTest
  @MethodSource("headers")
  void textStartsAfterTheUdhAndTheUdhSaysWhereThePartBelongs(
      int dataCoding, String bytes, String text, Concatenation concatenation) {
    assertEquals(new InboundPart(text, concatenation), decode(dataCoding, UDHI, bytes));
  }

  @Test
  void withoutUdhiTheLeadingOctetsAreText() {
    assertEquals("\u0005@\u0003", decode(0x03, 0, "05 40 03").text());
    assertNull(decode(0x03, 0, "05 40 03").concatenation());
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of(0x00, UDHI, "05 00 03 01", "UDH length octet says 5 header octets"),
        Arguments.of(0x00, UDHI, "", "no octets"),
        Arguments.of(0x00, UDHI, "05 00 03 01 00 01 41", "has 0 parts"),
        Arguments.of(0x00, UDHI, "05 00 03 01 02 00 41", "part 0 of 2"),
        Arguments.of(0x00, UDHI, "05 00 03 01 02 03 41", "part 3 of 2"),
        Arguments.of(0x00, UDHI, "05 00 04 01 02 03 41", "0x00 says 4 octets"),
        Arguments.of(0x00, UDHI, "04 00 02 01 02 41", "must be 3 octets long, was 2"),
        Arguments.of(0x00, UDHI, "01 00 41", "ends inside an information element"));
  }

  /** Octets that are not text under their data_coding: kept as they came, no text guessed. */
  static Stream<Arguments> unreadable() {
    return Stream.of(
        // GSM 03.38 has 128 septets: 0xFF is none of them (it used to show as 'à').
        Arguments.of(0x00, DefaultAlphabet.GSM7, "48 FF 69"),
        Arguments.of(0x00, DefaultAlphabet.GSM7, "FF".repeat(140)),
        // IA5 is seven bits, under data_coding 1 and as a carrier's default alike
        Arguments.of(0x01, DefaultAlphabet.GSM7, "48 69 E9"),
        Arguments.of(0x00, DefaultAlphabet.ASCII, "48 69 E9"),
        // UCS-2 is two octets a character
        Arguments.of(0x08, DefaultAlphabet.GSM7, "00 41 00"),
        Arguments.of(0x18, DefaultAlphabet.GSM7, "00"),
        // 8-bit data is binary, not text
        Arguments.of(0x02, DefaultAlphabet.GSM7, "00 FF"),
        Arguments.of(0x04, DefaultAlphabet.GSM7, "00 FF"),
        Arguments.of(0x15, DefaultAlphabet.GSM7, "E9"),
        Arguments.of(0xF4, DefaultAlphabet.GSM7, "E9"),
        Arguments.of(0xFF, DefaultAlphabet.GSM7, "41 42"),
        // what this inbox does not decode: JIS, pictograms, KS C 5601, compressed, reserved
        Arguments.of(0x05, DefaultAlphabet.GSM7, "41"),
        Arguments.of(0x09, DefaultAlphabet.GSM7, "41"),
        Arguments.of(0x0E, DefaultAlphabet.GSM7, "41"),
        Arguments.of(0x0F, DefaultAlphabet.GSM7, "41 42 43"),
        Arguments.of(0x1C, DefaultAlphabet.GSM7, "41"),
        Arguments.of(0x24, DefaultAlphabet.GSM7, "41"),
        Arguments.of(0x80, DefaultAlphabet.GSM7, "41"),
        // an octet ISO-8859-8 leaves undefined
        Arguments.of(0x07, DefaultAlphabet.GSM7, "E0 A1"));
  }

  @ParameterizedTest
  @MethodSource("unreadable")
  void keepsTheOctetsOfWhatIsNotTextUnderItsDataCoding(
      int dataCoding, DefaultAlphabet alphabet, String bytes) {
    InboundPart part =
        InboundDecoder.decode(dataCoding, 0, hex(bytes), null, null, null, null, alphabet);

    assertEquals(new Unreadable(dataCoding, hex(bytes)), part.unreadable());
    assertEquals(
        String.format(
            "unreadable message (data coding 0x%02X, %d octet%s)",
            dataCoding, hex(bytes).length, hex(bytes).length == 1 ? "" : "s"),
        part.text());
    assertEquals(false, part.isEmpty());
  }

  @Test
  void anUnreadablePartKeepsItsPlaceInItsMessageAndOnlyTheOctetsAfterTheUdh() {
    InboundPart part = decode(0x08, UDHI, "05 00 03 2A 02 01 00 41 00");

    assertEquals(new Concatenation(42, 2, 1), part.concatenation());
    assertEquals(new Unreadable(0x08, hex("00 41 00")), part.unreadable());
    assertEquals("unreadable message (data coding 0x08, 3 octets)", part.text());
  }

  @Test
  void unreadableWithoutOctetsIsEmpty() {
    InboundPart part = decode(0x0F, 0, "");
    assertEquals(true, part.isEmpty());
    assertEquals("ff00", new Unreadable(0xFF, hex("FF 00")).hex());
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void refusesWhatCannotBeAMessageAndSaysWhy(
      int dataCoding, int esmClass, String bytes, String reason) {
    var e = assertThrows(MalformedSmsException.class, () -> decode(dataCoding, esmClass, bytes));
    assertEquals(true, e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void sarTlvsGiveTheConcatenationAndWinOverTheUdh() {
    InboundPart sar = InboundDecoder.decode(0, 0, hex("41"), null, 300, 2, 1, DefaultAlphabet.GSM7);
    assertEquals(new InboundPart("A", new Concatenation(300, 2, 1)), sar);
    InboundPart both =
        InboundDecoder.decode(
            0, UDHI, hex("05 00 03 07 03 03 41"), null, 300, 2, 2, DefaultAlphabet.GSM7);
    assertEquals(new InboundPart("A", new Concatenation(300, 2, 2)), both);
  }

  @Test
  void incompleteOrImpossibleSarTlvsAreMalformed() {
    assertThrows(
        MalformedSmsException.class,
        () -> InboundDecoder.decode(0, 0, hex("41"), null, 300, null, 1, DefaultAlphabet.GSM7));
    assertThrows(
        MalformedSmsException.class,
        () -> InboundDecoder.decode(0, 0, hex("41"), null, 300, 2, 3, DefaultAlphabet.GSM7));
  }

  @Test
  void messagePayloadCarriesTheTextWhenShortMessageIsEmpty() {
    byte[] payload = hex("D8 3D DE 00 00 21");
    assertEquals(
        "😀!",
        InboundDecoder.decode(8, 0, new byte[0], payload, null, null, null, DefaultAlphabet.GSM7)
            .text());
    assertEquals(
        "😀!",
        InboundDecoder.decode(8, 0, null, payload, null, null, null, DefaultAlphabet.GSM7).text());
    assertEquals(
        "", InboundDecoder.decode(0, 0, null, null, null, null, null, DefaultAlphabet.GSM7).text());
  }

  static Stream<String> typedTexts() {
    return Stream.of(
        "@",
        "£",
        "€",
        "ñ",
        "@£$¥ €10 {[~]} ^|\\",
        "Привет, как дела?",
        "مرحبا بك",
        "😀",
        "Hola 😀 ñ €",
        "@".repeat(200),
        "€".repeat(100),
        "Привет ".repeat(30),
        "مرحبا ".repeat(25),
        "😀".repeat(100),
        "a".repeat(66) + "😀".repeat(40));
  }

  @ParameterizedTest
  @MethodSource("typedTexts")
  void whatWeSendDecodesExactlyAsTyped(String text) {
    List<SmsPart> parts = SmsComposer.split(text, 77, false);
    List<InboundPart> inbound = new ArrayList<>();
    for (SmsPart part : parts) {
      inbound.add(
          InboundDecoder.decode(
              part.dataCoding(),
              part.udhi() ? UDHI : 0,
              part.shortMessage(),
              null,
              null,
              null,
              null,
              DefaultAlphabet.GSM7));
    }
    Collections.reverse(inbound); // parts may arrive in any order
    assertEquals(text, InboundDecoder.join(inbound));
  }

  @Test
  void joinPutsPartsInOrderAndRefusesIncompleteSets() {
    InboundPart one = new InboundPart("a", new Concatenation(5, 2, 1));
    InboundPart two = new InboundPart("b", new Concatenation(5, 2, 2));
    InboundPart other = new InboundPart("c", new Concatenation(6, 2, 2));
    assertEquals("ab", InboundDecoder.join(List.of(two, one)));
    assertEquals("x", InboundDecoder.join(List.of(new InboundPart("x", null))));
    assertThrows(IllegalArgumentException.class, () -> InboundDecoder.join(List.of(one)));
    assertThrows(IllegalArgumentException.class, () -> InboundDecoder.join(List.of(one, other)));
    assertThrows(IllegalArgumentException.class, () -> InboundDecoder.join(List.of(one, one)));
  }

  @Test
  void joinRestoresAnEmojiTheCarrierCutBetweenParts() {
    InboundPart first = decode(0x08, UDHI, "05 00 03 01 02 01 00 41 D8 3D");
    InboundPart second = decode(0x08, UDHI, "05 00 03 01 02 02 DE 00");
    assertEquals("A😀", InboundDecoder.join(List.of(first, second)));
  }

  @org.junit.jupiter.api.Test
  void everyUcs2DataCodingCountsAsUcs2() {
    assertEquals(SmsEncoding.UCS2, InboundDecoder.encodingOf(0x08, DefaultAlphabet.GSM7));
    assertEquals(SmsEncoding.UCS2, InboundDecoder.encodingOf(0x18, DefaultAlphabet.GSM7));
    assertEquals(SmsEncoding.GSM7, InboundDecoder.encodingOf(0x00, DefaultAlphabet.GSM7));
    assertEquals(SmsEncoding.GSM7, InboundDecoder.encodingOf(0x03, DefaultAlphabet.GSM7));
  }
}
