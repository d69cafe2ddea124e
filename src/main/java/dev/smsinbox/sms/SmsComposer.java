package dev.smsinbox.sms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Outbound text: the composer's counters and the submit_sm parts, from one segmentation.
 *
 * <p>Encoding: GSM7 when every character is in the GSM 03.38 default alphabet or its extension
 * table, else UCS2 for the whole text (one emoji is enough). Capacity: 160 septets single or 153
 * per concatenated part for GSM7; 70 or 67 UTF-16 units for UCS2.
 */
public final class SmsComposer {

  /** A concatenated message has one octet for its part count. */
  public static final int MAX_PARTS = 255;

  private SmsComposer() {}

  /**
   * Counters for the composer. Never throws for any text, including texts too long to send; for the
   * empty text: 0 characters, GSM7, 0 segments, 160 per segment, 160 remaining, 0 units.
   */
  public static SmsMeasure measure(String text) {
    Segmentation segmentation = Segmentation.of(text);
    int characters = text.codePointCount(0, text.length());
    int perSegment = segmentation.perSegment();
    List<Segmentation.Chunk> chunks = segmentation.chunks();
    int lastUnits = chunks.isEmpty() ? 0 : chunks.get(chunks.size() - 1).units();
    return new SmsMeasure(
        characters,
        segmentation.encoding(),
        chunks.size(),
        perSegment,
        perSegment - lastUnits,
        segmentation.units());
  }

  /**
   * The submit_sm parts for {@code text}; as many as {@link #measure} counts (none for the empty
   * text, which is not a message to send).
   *
   * @param reference the 8-bit concatenation reference (0..255), written into the UDH only when
   *     there is more than one part. The caller keeps it distinct among a recipient's messages in
   *     flight.
   * @param packGsm false: one septet per octet (what SMPP means by data_coding 0 and what most
   *     SMSCs expect); true: septets packed per GSM 03.38, after the UDH and its fill bits
   * @throws IllegalArgumentException if the reference is out of range or the text needs more than
   *     255 parts
   */
  public static List<SmsPart> split(String text, int reference, boolean packGsm) {
    if (reference < 0 || reference > 0xFF) {
      throw new IllegalArgumentException(
          "concatenation reference must be 0..255, was " + reference);
    }
    Segmentation segmentation = Segmentation.of(text);
    List<Segmentation.Chunk> chunks = segmentation.chunks();
    int total = chunks.size();
    if (total > MAX_PARTS) {
      throw new IllegalArgumentException(
          "text needs " + total + " parts; a concatenated SMS has at most " + MAX_PARTS);
    }
    SmsEncoding encoding = segmentation.encoding();
    List<SmsPart> parts = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      String chunk = chunks.get(i).text();
      boolean udhi = total > 1;
      byte[] header = udhi ? UserDataHeader.concatenation(reference, total, i + 1) : new byte[0];
      byte[] body = body(chunk, encoding, packGsm, UserDataHeader.fillBits(header.length));
      byte[] shortMessage = Arrays.copyOf(header, header.length + body.length);
      System.arraycopy(body, 0, shortMessage, header.length, body.length);
      parts.add(new SmsPart(i + 1, total, encoding, udhi, shortMessage));
    }
    return List.copyOf(parts);
  }

  private static byte[] body(String chunk, SmsEncoding encoding, boolean packGsm, int fillBits) {
    if (encoding == SmsEncoding.UCS2) {
      return Ucs2.encode(chunk);
    }
    byte[] septets = Gsm7.encodeUnpacked(chunk);
    return packGsm ? Gsm7.pack(septets, fillBits) : septets;
  }
}
