package dev.smsinbox.application.keywords;

import dev.smsinbox.domain.KeywordRule;
import java.text.Normalizer;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a customer's SMS is compared with the keywords of the account's keyword rules: the whole
 * text, as the opt-out keywords are ({@link OptOutKeywords#normalise}: case, surrounding
 * punctuation, spaces and hyphens inside ignored), and accents ignored too, since a customer on a
 * phone without them types "CAFE" for "CAFÉ" and the other way round. A pure function of the text.
 */
public final class RuleKeywords {

  /** The longest keyword, in letters and digits: a keyword, not a sentence. */
  public static final int MAX_LENGTH = 40;

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern LETTERS_AND_DIGITS = Pattern.compile("[\\p{L}\\p{N}]+");

  private RuleKeywords() {}

  /**
   * The text as keywords are compared: " Joïn-now! " and "JOIN NOW" are both {@code JOINNOW}. Empty
   * for a text with no letter or digit.
   */
  public static String key(String text) {
    if (text == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    String unaccented = MARKS.matcher(decomposed).replaceAll("");
    return OptOutKeywords.normalise(Normalizer.normalize(unaccented, Normalizer.Form.NFC));
  }

  /** Whether {@code key} can be a keyword: letters and digits only, at most {@link #MAX_LENGTH}. */
  public static boolean isKeyword(String key) {
    return key.length() <= MAX_LENGTH && LETTERS_AND_DIGITS.matcher(key).matches();
  }

  /**
   * Whether the text may be a keyword at all: worth looking up the account's rules for. Most SMS
   * are sentences, and they cost the filing no query.
   */
  public static Optional<String> lookupKey(String text) {
    if (text == null || text.length() > 4 * MAX_LENGTH) {
      return Optional.empty();
    }
    String key = key(text);
    return isKeyword(key) ? Optional.of(key) : Optional.empty();
  }

  /**
   * The rule that applies to an SMS to our number {@code numberId}, among the account's rules of
   * its keyword: the one for that number before the one for every number; none when every rule is
   * for another number.
   */
  public static Optional<KeywordRule> choose(List<KeywordRule> rulesOfTheKeyword, long numberId) {
    return rulesOfTheKeyword.stream()
        .filter(r -> r.numberId() == null || r.numberId() == numberId)
        .min(
            Comparator.comparing((KeywordRule r) -> r.numberId() == null)
                .thenComparing(KeywordRule::id));
  }
}
