package dev.smsinbox.application.keywords;

import dev.smsinbox.domain.KeywordEvent;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises an SMS whose whole text is an opt-out, opt-in or help keyword. A direct SMPP link
 * filters nothing, so this is the only place STOP is honoured. A pure function of the text: case,
 * surrounding spaces and punctuation ("Stop.", " stop! ") and spaces or hyphens inside a keyword
 * ("STOP ALL", "opt-out") are ignored; anything else in the text ("please don't stop") is a
 * conversation, not a keyword.
 */
public final class OptOutKeywords {

  public static final List<String> DEFAULT_STOP =
      List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
  public static final List<String> DEFAULT_START = List.of("START", "UNSTOP", "SUBSCRIBE");
  public static final List<String> DEFAULT_HELP = List.of("HELP", "INFO");

  /**
   * A recognised keyword.
   *
   * @param keyword the keyword in its configured spelling (e.g. {@code STOP} for "stop.")
   */
  public record Match(KeywordEvent event, String keyword) {}

  private final Map<String, Match> byNormalForm = new HashMap<>();

  public OptOutKeywords(
      Collection<String> stop, Collection<String> start, Collection<String> help) {
    // Help first, stop last: a word configured twice counts as the stronger meaning.
    help.forEach(k -> add(k, KeywordEvent.HELP));
    start.forEach(k -> add(k, KeywordEvent.OPT_IN));
    stop.forEach(k -> add(k, KeywordEvent.OPT_OUT));
  }

  public static OptOutKeywords defaults() {
    return new OptOutKeywords(DEFAULT_STOP, DEFAULT_START, DEFAULT_HELP);
  }

  private void add(String keyword, KeywordEvent event) {
    String normal = normalise(keyword);
    if (!normal.isEmpty()) {
      byNormalForm.put(normal, new Match(event, keyword.strip().toUpperCase(Locale.ROOT)));
    }
  }

  public Optional<Match> match(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(byNormalForm.get(normalise(text)));
  }

  /**
   * Upper case, without what surrounds the first and last letter or digit, and without spaces,
   * hyphens and underscores between them.
   */
  static String normalise(String text) {
    int[] cps = text.codePoints().toArray();
    int start = 0;
    int end = cps.length;
    while (start < end && !Character.isLetterOrDigit(cps[start])) {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(cps[end - 1])) {
      end--;
    }
    StringBuilder normal = new StringBuilder();
    for (int i = start; i < end; i++) {
      int cp = cps[i];
      if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && cp != '-' && cp != '_') {
        normal.appendCodePoint(cp);
      }
    }
    return normal.toString().toUpperCase(Locale.ROOT);
  }
}
