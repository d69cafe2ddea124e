package dev.smsinbox.sms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Gsm7Test {

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  static Stream<Arguments> encodable() {
    return Stream.of(
        Arguments.of("@£$¥", true),
        Arguments.of("èéùìòÇØøÅå", true),
        Arguments.of("ΔΦΓΛΩΠΨΣΘΞ", true),
        Arguments.of("ÆæßÉÄÖÑÜ§¿äöñüà¤¡_", true),
        Arguments.of("^{}\\[~]|€\f", true),
        Arguments.of("line\r\nbreak", true),
        Arguments.of("", true),
        Arguments.of("ç", false), // 23.038 has capital Ç only; no folding
        Arguments.of("Α", false), // Greek capital alpha is not Latin A
        Arguments.of("á", false),
        Arguments.of("`", false),
        Arguments.of("\t", false),
        Arguments.of("\u001b", false), // the escape septet is not a character
        Arguments.of("Привет", false),
        Arguments.of("😀", false));
  }

  @ParameterizedTest
  @MethodSource("encodable")
  void knowsExactlyTheCharactersOf23038(String text, boolean expected) {
    assertEquals(expected, Gsm7.canEncode(text));
  }

  static Stream<Arguments> unpacked() {
    return Stream.of(
        Arguments.of("@£$", "00 01 02", 3),
        Arguments.of("€", "1B 65", 2),
        Arguments.of("^{}\\[~]|", "1B14 1B28 1B29 1B2F 1B3C 1B3D 1B3E 1B40", 16),
        Arguments.of("\f", "1B 0A", 2),
        Arguments.of("\n\r", "0A 0D", 2),
        Arguments.of("Ç", "09", 1),
        Arguments.of("ΔΞ", "10 1A", 2),
        Arguments.of("¡§¿à", "40 5F 60 7F", 4),
        Arguments.of("Año €5", "41 7D 6F 20 1B65 35", 7));
  }

  @ParameterizedTest
  @MethodSource("unpacked")
  void encodesOneSeptetPerOctet(String text, String bytes, int septets) {
    assertArrayEquals(hex(bytes), Gsm7.encodeUnpacked(text));
    assertEquals(septets, Gsm7.septets(text));
    assertEquals(text, Gsm7.decodeUnpacked(hex(bytes)));
  }

  @Test
  void refusesCharactersOutsideTheAlphabet() {
    var e = assertThrows(IllegalArgumentException.class, () -> Gsm7.encodeUnpacked("ok ç"));
    assertEquals(
        "U+00E7 at index 3 is not in the GSM 03.38 alphabet; send the text as UCS2",
        e.getMessage());
  }

  @Test
  void everyBaseSeptetDecodesToACharacterThatEncodesBackToIt() {
    for (int septet = 0; septet < 128; septet++) {
      if (septet == 0x1B) {
        continue;
      }
      String c = Gsm7.decodeUnpacked(new byte[] {(byte) septet});
      assertEquals(1, c.length());
      assertArrayEquals(new byte[] {(byte) septet}, Gsm7.encodeUnpacked(c), "septet " + septet);
    }
  }

  static Stream<Arguments> lenientDecoding() {
    return Stream.of(
        Arguments.of("1B 41", "A"), // undefined extension code: the base-table character
        Arguments.of("1B 00", "@"),
        Arguments.of("1B 1B 41", " A"), // escape to a further table: a space, per 23.038
        Arguments.of("41 1B", "A "), // dangling escape at the end
        Arguments.of("80 C1", "@A"), // high bit of an octet ignored
        Arguments.of("", ""));
  }

  @ParameterizedTest
  @MethodSource("lenientDecoding")
  void decodesUnknownSequencesLenientlyAndNeverAsQuestionMark(String bytes, String text) {
    assertEquals(text, Gsm7.decodeUnpacked(hex(bytes)));
  }

  static Stream<Arguments> packing() {
    return Stream.of(
        // The classic 23.038 example: 10 septets in 9 octets.
        Arguments.of("hellohello", 0, "E8 32 9B FD 46 97 D9 EC 37"),
        // After a 6-octet UDH: one fill bit, so 'A' (0x41) sits in bits 1-7.
        Arguments.of("A", 1, "82"),
        Arguments.of("AB", 1, "82 42"),
        // 7 septets leave 7 spare bits: they carry CR (0x0D << 1 = 0x1A), not an '@'.
        Arguments.of("@@@@@@@", 0, "00 00 00 00 00 00 1A"),
        Arguments.of("@@@@@@@@", 0, "00 00 00 00 00 00 00"),
        Arguments.of("", 0, ""));
  }

  @ParameterizedTest
  @MethodSource("packing")
  void packsSeptetsLsbFirst(String text, int fillBits, String bytes) {
    byte[] septets = Gsm7.encodeUnpacked(text);
    assertArrayEquals(hex(bytes), Gsm7.pack(septets, fillBits));
    assertArrayEquals(septets, Gsm7.unpack(hex(bytes), septets.length, fillBits));
  }

  @Test
  void packAndUnpackAgreeForEveryFillAndLength() {
    for (int fill = 0; fill <= 6; fill++) {
      for (int n = 0; n <= 20; n++) {
        byte[] septets = new byte[n];
        for (int i = 0; i < n; i++) {
          septets[i] = (byte) ((i * 37 + fill) & 0x7F);
        }
        byte[] packed = Gsm7.pack(septets, fill);
        assertEquals((fill + 7 * n + 7) / 8, packed.length);
        assertArrayEquals(septets, Gsm7.unpack(packed, n, fill), "fill " + fill + " n " + n);
      }
    }
  }

  @Test
  void unpackRefusesMoreSeptetsThanTheOctetsHold() {
    assertThrows(IllegalArgumentException.class, () -> Gsm7.unpack(new byte[7], 9, 0));
    assertThrows(IllegalArgumentException.class, () -> Gsm7.pack(new byte[1], 7));
  }
}
