package dev.smsinbox.application.assistant;

import dev.smsinbox.sms.SmsComposer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Making machine-written text fit an SMS: typographic punctuation becomes its GSM-7 twin (one curly
 * quote would switch the whole text to UCS-2 and more than double its price), and a text too long
 * for the allowed parts is cut after its last whole sentence that fits.
 */
final class SmsText {

  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)");

  private SmsText() {}

  static String plain(String text) {
    return text.replace('\u2018', '\'')
        .replace('\u2019', '\'')
        .replace('\u201C', '"')
        .replace('\u201D', '"')
        .replace('\u2013', '-')
        .replace('\u2014', '-')
        .replace('\u00A0', ' ')
        .replace("\u2026", "...")
        .replaceAll("[ \\t]+", " ")
        .replaceAll(" *\\n *", "\n")
        .replaceAll("\\n{3,}", "\n\n")
        .strip();
  }

  static boolean fits(String text, int maxSegments) {
    return SmsComposer.measure(text).segments() <= maxSegments;
  }

  static String fit(String text, int maxSegments) {
    if (fits(text, maxSegments)) {
      return text;
    }
    Matcher end = SENTENCE_END.matcher(text);
    String best = null;
    while (end.find()) {
      String candidate = text.substring(0, end.end());
      if (!fits(candidate, maxSegments)) {
        break;
      }
      best = candidate;
    }
    if (best != null) {
      return best;
    }
    String cut = text;
    while (!fits(cut + "...", maxSegments) && cut.lastIndexOf(' ') > 0) {
      cut = cut.substring(0, cut.lastIndexOf(' '));
    }
    return cut + "...";
  }
}
