package dev.smsinbox.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merge fields of a saved reply: {@code {{contact.firstName|there}}} is the contact's first name,
 * or "there" when it has none. A field with no value and no fallback is <em>missing</em>: the reply
 * cannot be sent until the admin writes it out, so a customer never reads "Hi ,".
 */
public final class MergeFields {

  public static final String FIRST_NAME = "contact.firstName";
  public static final String LAST_NAME = "contact.lastName";
  public static final String PHONE = "contact.phone";
  public static final String EMAIL = "contact.email";

  /** The inbox's number the conversation is on (what the customer texts). */
  public static final String OUR_NUMBER = "inbox.number";

  /** The name of the admin who sends the reply. */
  public static final String ADMIN_NAME = "admin.name";

  public static final List<String> KNOWN =
      List.of(FIRST_NAME, LAST_NAME, PHONE, EMAIL, OUR_NUMBER, ADMIN_NAME);

  private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([^}|]*?)\\s*(?:\\|([^}]*))?}}");

  /**
   * The text with every field replaced.
   *
   * @param missing the fields (as written, e.g. {@code contact.firstName}) that had neither a value
   *     nor a fallback, or are not fields this inbox knows; each once, in order of appearance
   */
  public record Expansion(String text, List<String> missing) {
    public boolean complete() {
      return missing.isEmpty();
    }
  }

  private MergeFields() {}

  /** The values of one reply: contact, our number and the admin, any of them possibly absent. */
  public static Map<String, String> values(Contact contact, String ourNumber, String adminName) {
    Map<String, String> values = new java.util.HashMap<>();
    if (contact != null) {
      values.put(FIRST_NAME, contact.firstName());
      values.put(LAST_NAME, contact.lastName());
      values.put(PHONE, contact.phone());
      values.put(EMAIL, contact.email());
    }
    values.put(OUR_NUMBER, ourNumber);
    values.put(ADMIN_NAME, adminName);
    return values;
  }

  public static Expansion expand(String text, Map<String, String> values) {
    if (text == null) {
      return new Expansion(null, List.of());
    }
    Matcher m = FIELD.matcher(text);
    StringBuilder out = new StringBuilder();
    Set<String> missing = new LinkedHashSet<>();
    while (m.find()) {
      String field = m.group(1);
      String fallback = m.group(2);
      String value = KNOWN.contains(field) ? values.get(field) : null;
      String replacement;
      if (value != null && !value.isBlank()) {
        replacement = value.strip();
      } else if (fallback != null && KNOWN.contains(field)) {
        replacement = fallback.strip();
      } else {
        missing.add(field);
        replacement = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return new Expansion(out.toString(), List.copyOf(new ArrayList<>(missing)));
  }

  /** The fields of the text that this inbox does not know (a typo such as contact.firstname). */
  public static List<String> unknown(String text) {
    Set<String> unknown = new LinkedHashSet<>();
    Matcher m = FIELD.matcher(text);
    while (m.find()) {
      if (!KNOWN.contains(m.group(1))) {
        unknown.add(m.group(1));
      }
    }
    return List.copyOf(unknown);
  }
}
