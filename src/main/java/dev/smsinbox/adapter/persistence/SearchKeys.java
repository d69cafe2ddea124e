package dev.smsinbox.adapter.persistence;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as search compares it: lower case without accents ("José" and "jose" meet), and phone digits
 * reversed (a number's ending becomes an indexed prefix).
 */
final class SearchKeys {

  // Compiled once: String.replaceAll compiles its pattern at every call, and the filer calls this
  // for every SMS.
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_DIGITS = Pattern.compile("[^0-9]");

  private SearchKeys() {}

  static String text(String value) {
    if (value == null) {
      return null;
    }
    String decomposed = Normalizer.normalize(value.strip(), Normalizer.Form.NFD);
    return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
  }

  static String reversedDigits(String value) {
    if (value == null) {
      return null;
    }
    return new StringBuilder(NOT_DIGITS.matcher(value).replaceAll("")).reverse().toString();
  }
}
