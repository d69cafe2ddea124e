package dev.smsinbox.sms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmsComposerTest {

  private static final SmsEncoding GSM7 = SmsEncoding.GSM7;
  private static final SmsEncoding UCS2 = SmsEncoding.UCS2;

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  private static String repeat(String s, int n) {
    return s.repeat(n);
  }

  static Stream<Arguments> measures() {
    return Stream.of(
        Arguments.of("", new SmsMeasure(0, GSM7, 0, 160, 160, 0)),
        Arguments.of("hello", new SmsMeasure(5, GSM7, 1, 160, 155, 5)),
        Arguments.of("€", new SmsMeasure(1, GSM7, 1, 160, 158, 2)),
        Arguments.of("Ç", new SmsMeasure(1, GSM7, 1, 160, 159, 1)),
        Arguments.of("ç", new SmsMeasure(1, UCS2, 1, 70, 69, 1)),
        Arguments.of("😀", new SmsMeasure(1, UCS2, 1, 70, 68, 2)),
        Arguments.of("hi 😀", new SmsMeasure(4, UCS2, 1, 70, 65, 5)),
        Arguments.of(repeat("a", 160), new SmsMeasure(160, GSM7, 1, 160, 0, 160)),
        Arguments.of(repeat("a", 161), new SmsMeasure(161, GSM7, 2, 153, 145, 161)),
        Arguments.of(repeat("a", 306), new SmsMeasure(306, GSM7, 2, 153, 0, 306)),
        Arguments.of(repeat("a", 307), new SmsMeasure(307, GSM7, 3, 153, 152, 307)),
        Arguments.of(repeat("€", 80), new SmsMeasure(80, GSM7, 1, 160, 0, 160)),
        Arguments.of(repeat("€", 81), new SmsMeasure(81, GSM7, 2, 153, 143, 162)),
        Arguments.of(repeat("я", 70), new SmsMeasure(70, UCS2, 1, 70, 0, 70)),
        Arguments.of(repeat("я", 71), new SmsMeasure(71, UCS2, 2, 67, 63, 71)),
        // An escape sequence is never cut: part 1 holds 152 septets, '€' opens part 2.
        Arguments.of(
            repeat("a", 152) + "€" + repeat("a", 10), new SmsMeasure(163, GSM7, 2, 153, 141, 164)),
        // A surrogate pair is never cut: part 1 holds 66 units, the emoji opens part 2.
        Arguments.of(
            repeat("a", 66) + "😀" + repeat("a", 5), new SmsMeasure(72, UCS2, 2, 67, 60, 73)));
  }

  @ParameterizedTest
  @MethodSource("measures")
  void measuresWhatTheComposerShows(String text, SmsMeasure expected) {
    assertEquals(expected, SmsComposer.measure(text));
    assertEquals(expected.segments(), SmsComposer.split(text, 1, false).size());
  }

  static Stream<Arguments> singleParts() {
    return Stream.of(
        Arguments.of("@£$", GSM7, false, "00 01 02"),
        Arguments.of("€", GSM7, false, "1B 65"),
        Arguments.of("😀", UCS2, false, "D8 3D DE 00"),
        Arguments.of("Añ😀", UCS2, false, "0041 00F1 D83D DE00"),
        Arguments.of("Привет", UCS2, false, "041F 0440 0438 0432 0435 0442"),
        Arguments.of("مرحبا", UCS2, false, "0645 0631 062D 0628 0627"),
        Arguments.of("hellohello", GSM7, true, "E8 32 9B FD 46 97 D9 EC 37"),
        Arguments.of("😀", UCS2, true, "D8 3D DE 00"));
  }

  @ParameterizedTest
  @MethodSource("singleParts")
  void singlePartHasNoUdh(String text, SmsEncoding encoding, boolean pack, String bytes) {
    List<SmsPart> parts = SmsComposer.split(text, 7, pack);
    assertEquals(1, parts.size());
    SmsPart part = parts.get(0);
    assertEquals(new SmsPart(1, 1, encoding, false, hex(bytes)), part);
    assertEquals(encoding == GSM7 ? 0 : 8, part.dataCoding());
  }

  @Test
  void concatenatedGsmPartsCarryAn8BitReferenceUdh() {
    List<SmsPart> parts = SmsComposer.split(repeat("a", 161), 0xAB, false);
    assertEquals(2, parts.size());
    byte[] first = new byte[6 + 153];
    byte[] second = new byte[6 + 8];
    Arrays.fill(first, (byte) 0x61);
    Arrays.fill(second, (byte) 0x61);
    System.arraycopy(hex("05 00 03 AB 02 01"), 0, first, 0, 6);
    System.arraycopy(hex("05 00 03 AB 02 02"), 0, second, 0, 6);
    assertEquals(new SmsPart(1, 2, GSM7, true, first), parts.get(0));
    assertEquals(new SmsPart(2, 2, GSM7, true, second), parts.get(1));
  }

  @Test
  void concatenatedUcs2KeepsEachSurrogatePairInOnePart() {
    List<SmsPart> parts = SmsComposer.split(repeat("a", 66) + "😀bcde", 0, false);
    assertEquals(2, parts.size());
    byte[] second = parts.get(1).shortMessage();
    assertArrayEquals(hex("05 00 03 00 02 02 D83D DE00 0062 0063 0064 0065"), second);
    assertEquals(6 + 66 * 2, parts.get(0).shortMessage().length);
  }

  @Test
  void concatenatedGsmKeepsEachEscapeInOnePart() {
    List<SmsPart> parts = SmsComposer.split(repeat("a", 152) + "€" + repeat("a", 10), 9, false);
    byte[] second = parts.get(1).shortMessage();
    assertArrayEquals(hex("05 00 03 09 02 02 1B 65"), Arrays.copyOf(second, 8));
    assertEquals(6 + 152, parts.get(0).shortMessage().length);
  }

  @Test
  void packedConcatenatedPartsFill140OctetsAndStartOnASeptetBoundary() {
    List<SmsPart> parts = SmsComposer.split(repeat("a", 161), 3, true);
    byte[] first = parts.get(0).shortMessage();
    byte[] second = parts.get(1).shortMessage();
    assertEquals(140, first.length); // 6 UDH octets + 1 fill bit + 153 septets
    assertArrayEquals(hex("05 00 03 03 02 01"), Arrays.copyOf(first, 6));
    byte[] expected = new byte[153];
    Arrays.fill(expected, (byte) 0x61);
    assertArrayEquals(expected, Gsm7.unpack(Arrays.copyOfRange(first, 6, 140), 153, 1));
    // 'a' = 0x61 shifted past the fill bit: C2, then the rest of the stream.
    assertEquals((byte) 0xC2, first[6]);
    assertEquals(6 + 8, second.length);
  }

  @Test
  void refusesReferencesOutsideOneOctetAndTextsBeyond255Parts() {
    assertThrows(IllegalArgumentException.class, () -> SmsComposer.split("hi", 256, false));
    assertThrows(IllegalArgumentException.class, () -> SmsComposer.split("hi", -1, false));
    String tooLong = repeat("a", 153 * 255 + 1);
    assertEquals(256, SmsComposer.measure(tooLong).segments());
    assertThrows(IllegalArgumentException.class, () -> SmsComposer.split(tooLong, 1, false));
  }

  @Test
  void emptyTextHasNoParts() {
    assertTrue(SmsComposer.split("", 0, false).isEmpty());
  }

  @Test
  void partsCannotBeChangedFromOutside() {
    byte[] bytes = hex("00 01");
    SmsPart part = new SmsPart(1, 1, GSM7, false, bytes);
    bytes[0] = 9;
    part.shortMessage()[1] = 9;
    assertArrayEquals(hex("00 01"), part.shortMessage());
  }

  private static final String[] PIECES = {
    "a", "Z", " ", "7", ".", "\n", "€", "[", "^", "é", "Ç", "@", "😀", "👍🏽", "я", "Ж", "ñ", "ç",
    "ب"
  };

  /** Random texts: mostly GSM, sometimes one non-GSM character that flips the whole text. */
  private static String randomText(Random random) {
    int length = random.nextInt(420);
    boolean gsmOnly = random.nextBoolean();
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      String piece = PIECES[random.nextInt(gsmOnly ? 12 : PIECES.length)];
      text.append(piece);
    }
    return text.toString();
  }

  @Test
  void measureAndSplitAgreeAndSplitRoundTripsOverRandomTexts() {
    Random random = new Random(20240611);
    for (int run = 0; run < 3000; run++) {
      String text = randomText(random);
      SmsMeasure measure = SmsComposer.measure(text);
      List<SmsPart> parts = SmsComposer.split(text, run & 0xFF, false);
      assertEquals(measure.segments(), parts.size(), text);
      int units = 0;
      int lastUnits = 0;
      StringBuilder decoded = new StringBuilder();
      for (SmsPart part : parts) {
        assertEquals(measure.encoding(), part.encoding());
        assertEquals(parts.size() > 1, part.udhi());
        InboundPart inbound =
            InboundDecoder.decode(
                part.dataCoding(),
                part.udhi() ? 0x40 : 0,
                part.shortMessage(),
                null,
                null,
                null,
                null,
                DefaultAlphabet.GSM7);
        String chunk = inbound.text();
        int chunkUnits = part.encoding() == GSM7 ? Gsm7.septets(chunk) : chunk.length();
        assertTrue(chunkUnits <= measure.perSegment(), "part over capacity: " + text);
        assertFalse(Character.isLowSurrogate(chunk.charAt(0)), "surrogate pair cut: " + text);
        units += chunkUnits;
        lastUnits = chunkUnits;
        decoded.append(chunk);
      }
      assertEquals(text, decoded.toString());
      assertEquals(measure.units(), units);
      assertEquals(text.codePointCount(0, text.length()), measure.characters());
      assertEquals(measure.perSegment() - lastUnits, measure.remainingInSegment(), text);
      assertEquals(measure.segments(), SmsComposer.split(text, 0, true).size());
    }
  }
}
