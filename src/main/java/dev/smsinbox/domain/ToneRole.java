package dev.smsinbox.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The preset tones a draft reply can take (F12). Fixed in code on purpose: an admin picks one, but
 * cannot write their own, so every draft's voice stays within what was reviewed.
 */
public enum ToneRole {
  FRIENDLY("Friendly", "Warm and relaxed, first names, short sentences."),
  PROFESSIONAL("Professional", "Courteous and precise, no slang, no exclamation marks."),
  CONCISE("Concise", "The answer first, as few words as possible, no small talk."),
  EMPATHETIC("Empathetic", "Acknowledges how the customer feels before answering, reassuring."),
  ENTHUSIASTIC("Enthusiastic", "Upbeat and energetic, glad to help, positive wording.");

  private final String label;
  private final String description;

  ToneRole(String label, String description) {
    this.label = label;
    this.description = description;
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }

  /** The role named by its id ({@code FRIENDLY}) or its label ({@code Friendly}), any case. */
  public static Optional<ToneRole> named(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.strip().toUpperCase(Locale.ROOT);
    for (ToneRole role : values()) {
      if (role.name().equals(wanted)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
