package dev.smsinbox.adapter.persistence;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Text as search compares it: lower case without accents ("José" and "jose" meet), and phone digits
 * reversed (a number's ending becomes an indexed prefix).
 */
final class SearchKeys {

  private SearchKeys() {}

  static String text(String value) {
    if (value == null) {
      return null;
    }
    String decomposed = Normalizer.normalize(value.strip(), Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
  }

  static String reversedDigits(String value) {
    if (value == null) {
      return null;
    }
    return new StringBuilder(value.replaceAll("[^0-9]", "")).reverse().toString();
  }
}
