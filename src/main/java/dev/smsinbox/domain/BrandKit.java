package dev.smsinbox.domain;

import java.util.List;

/**
 * How the company speaks in a draft reply: its name, a description of its voice, the sign-off that
 * ends each draft and words a draft must not use. Every part is optional.
 */
public record BrandKit(String brandName, String voice, String signOff, List<String> wordsToAvoid) {

  public BrandKit {
    wordsToAvoid = wordsToAvoid == null ? List.of() : List.copyOf(wordsToAvoid);
  }

  public static BrandKit empty() {
    return new BrandKit(null, null, null, List.of());
  }
}
