package dev.smsinbox.sms;

import java.util.ArrayList;
import java.util.List;

/**
 * How a text is cut into parts. {@link SmsComposer#measure} and {@link SmsComposer#split} both
 * start from here, which is what keeps the composer's counters equal to what is sent.
 *
 * <p>A part never ends inside an escape sequence (GSM7) or a surrogate pair (UCS2), so a
 * concatenated part may hold one unit less than its capacity.
 *
 * @param encoding GSM7 when every character is in the GSM 03.38 tables, otherwise UCS2
 * @param chunks the text of each part, in order; empty for the empty text
 * @param units total septets (GSM7) or UTF-16 code units (UCS2)
 */
record Segmentation(SmsEncoding encoding, List<Chunk> chunks, int units) {

  static final int GSM7_SINGLE = 160;
  static final int GSM7_CONCATENATED = 153;
  static final int UCS2_SINGLE = 70;
  static final int UCS2_CONCATENATED = 67;

  /** One part's text and the units it occupies. */
  record Chunk(String text, int units) {}

  static Segmentation of(String text) {
    SmsEncoding encoding = Gsm7.canEncode(text) ? SmsEncoding.GSM7 : SmsEncoding.UCS2;
    int units = encoding == SmsEncoding.GSM7 ? Gsm7.septets(text) : text.length();
    if (units == 0) {
      return new Segmentation(encoding, List.of(), 0);
    }
    if (units <= single(encoding)) {
      return new Segmentation(encoding, List.of(new Chunk(text, units)), units);
    }
    int capacity = concatenated(encoding);
    List<Chunk> chunks = new ArrayList<>();
    int start = 0;
    int used = 0;
    int i = 0;
    while (i < text.length()) {
      int atomChars = encoding == SmsEncoding.GSM7 ? 1 : Character.charCount(text.codePointAt(i));
      int atomUnits = encoding == SmsEncoding.GSM7 ? Gsm7.septets(text.charAt(i)) : atomChars;
      if (used + atomUnits > capacity) {
        chunks.add(new Chunk(text.substring(start, i), used));
        start = i;
        used = 0;
      }
      used += atomUnits;
      i += atomChars;
    }
    chunks.add(new Chunk(text.substring(start), used));
    return new Segmentation(encoding, List.copyOf(chunks), units);
  }

  /** Capacity of a part of this segmentation: the single-part size unless it has several parts. */
  int perSegment() {
    return chunks.size() > 1 ? concatenated(encoding) : single(encoding);
  }

  static int single(SmsEncoding encoding) {
    return encoding == SmsEncoding.GSM7 ? GSM7_SINGLE : UCS2_SINGLE;
  }

  static int concatenated(SmsEncoding encoding) {
    return encoding == SmsEncoding.GSM7 ? GSM7_CONCATENATED : UCS2_CONCATENATED;
  }
}
