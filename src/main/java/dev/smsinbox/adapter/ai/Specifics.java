package dev.smsinbox.adapter.ai;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words where "close in meaning" is not good enough: days, months and numbers. Sentence vectors
 * put "Do you deliver on Saturdays?" right next to "Do you deliver on Sundays?", and answering one
 * with the other would state a wrong date. A text whose days (or months, or numbers) are all
 * different from the question's does not answer it.
 */
final class Specifics {

  private static final Pattern WORD = Pattern.compile("[\\p{L}]+|\\d+(?:[.,:]\\d+)?");

  private static final Map<String, String> DAYS =
      Map.ofEntries(
          Map.entry("mon", "monday"),
          Map.entry("tue", "tuesday"),
          Map.entry("tues", "tuesday"),
          Map.entry("wed", "wednesday"),
          Map.entry("thu", "thursday"),
          Map.entry("thur", "thursday"),
          Map.entry("thurs", "thursday"),
          Map.entry("fri", "friday"),
          Map.entry("sat", "saturday"),
          Map.entry("sun", "sunday"),
          Map.entry("weekend", "weekend"),
          Map.entry("weekends", "weekend"));

  private static final Set<String> MONTHS =
      Set.of(
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december");

  private Specifics() {}

  /** False when the candidate names days, months or numbers and none of the question's. */
  static boolean compatible(String question, String candidate) {
    Set<String> q = of(question);
    Set<String> c = of(candidate);
    for (String kind : new String[] {"day:", "month:", "number:"}) {
      Set<String> qs = ofKind(q, kind);
      Set<String> cs = ofKind(c, kind);
      if (!qs.isEmpty() && !cs.isEmpty() && qs.stream().noneMatch(cs::contains)) {
        if (!(kind.equals("day:") && (cs.contains("day:weekend") || qs.contains("day:weekend")))) {
          return false;
        }
      }
    }
    return true;
  }

  static Set<String> of(String text) {
    Set<String> found = new HashSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      if (Character.isDigit(w.charAt(0))) {
        found.add("number:" + w);
        continue;
      }
      String singular = w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
      if (singular.endsWith("day") && DAYS.containsValue(singular)) {
        found.add("day:" + singular);
      } else if (DAYS.containsKey(w)) {
        found.add("day:" + DAYS.get(w));
      } else if (MONTHS.contains(w) && !w.equals("may")) {
        found.add("month:" + w);
      }
    }
    return found;
  }

  private static Set<String> ofKind(Set<String> all, String kind) {
    Set<String> result = new HashSet<>();
    all.stream().filter(s -> s.startsWith(kind)).forEach(result::add);
    return result;
  }
}
