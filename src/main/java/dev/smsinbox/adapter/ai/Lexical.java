package dev.smsinbox.adapter.ai;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Word-overlap relevance, for choosing which FAQ entries and passages go into a model's prompt: no
 * embedding model needed, and the model itself judges what actually answers the customer.
 */
final class Lexical {

  private static final Set<String> STOP =
      Set.of(
          "the", "and", "you", "your", "for", "are", "can", "how", "what", "when", "where", "who",
          "why", "does", "did", "with", "this", "that", "have", "has", "our", "any", "there",
          "from", "will", "would", "could", "about", "hi", "hello", "thanks", "please", "just");

  private Lexical() {}

  static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() >= 3 && !STOP.contains(w)) {
        words.add(w.length() > 4 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
      }
    }
    return words;
  }

  static double score(Set<String> query, String text) {
    Set<String> other = words(text);
    if (query.isEmpty() || other.isEmpty()) {
      return 0;
    }
    long shared = query.stream().filter(other::contains).count();
    return shared / Math.sqrt((double) query.size() * other.size());
  }

  /** The {@code limit} items sharing most words with the query; none that share nothing. */
  static <T> List<T> top(String query, List<T> items, Function<T, String> text, int limit) {
    Set<String> q = words(query);
    return items.stream()
        .filter(i -> score(q, text.apply(i)) > 0)
        .sorted(Comparator.comparingDouble((T i) -> score(q, text.apply(i))).reversed())
        .limit(limit)
        .toList();
  }
}
