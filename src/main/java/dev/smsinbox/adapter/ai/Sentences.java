package dev.smsinbox.adapter.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splitting customer texts and page text into sentences, well enough for SMS-sized text. */
final class Sentences {

  private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])\\s+|\\n+");

  private Sentences() {}

  static List<String> of(String text) {
    List<String> sentences = new ArrayList<>();
    for (String s : BOUNDARY.split(text == null ? "" : text)) {
      String clean = s.strip();
      if (!clean.isEmpty()) {
        sentences.add(clean);
      }
    }
    return sentences;
  }

  static int words(String sentence) {
    String stripped = sentence.strip();
    return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
  }

  static boolean isQuestion(String sentence) {
    return sentence.endsWith("?");
  }

  /** {@code text} cut to at most {@code max} characters, after a whole word, with an ellipsis. */
  static String clip(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = text.lastIndexOf(' ', max - 3);
    return text.substring(0, cut > 0 ? cut : max - 3).strip() + "...";
  }
}
