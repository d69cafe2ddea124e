package dev.smsinbox.adapter.ai;

import dev.smsinbox.domain.ToneRole;

/**
 * The embedded assistant's own words for each preset role: everything a draft says that is not the
 * admin's FAQ or page text. None of them states a fact; all are GSM-7 so a draft stays cheap.
 */
record TonePhrases(
    String greeting, String greetingNoName, String noAnswer, String followUp, String closing) {

  static TonePhrases of(ToneRole role) {
    return switch (role) {
      case FRIENDLY ->
          new TonePhrases(
              "Hi %s!",
              "Hi!",
              "Thanks for your message! I don't want to guess, so could you tell me a bit more"
                  + " about what you need? I'll get back to you.",
              "About your other question, I'll check and get back to you.",
              "Let me know if there's anything else!");
      case PROFESSIONAL ->
          new TonePhrases(
              "Hello %s,",
              "Hello,",
              "Thank you for your message. To give you an accurate answer, could you share a few"
                  + " more details? We will follow up shortly.",
              "Regarding your other question, we will check and follow up shortly.",
              "Please let us know if you need anything further.");
      case CONCISE ->
          new TonePhrases(
              "",
              "",
              "Could you give us a bit more detail? We'll follow up.",
              "Other question: we'll check and follow up.",
              "");
      case EMPATHETIC ->
          new TonePhrases(
              "Hi %s, thank you for reaching out.",
              "Hi, thank you for reaching out.",
              "I understand, and I want to get this right for you. Could you tell me a bit more"
                  + " about what you need? I'll follow up personally.",
              "I'll look into your other question and get back to you.",
              "We're here to help.");
      case ENTHUSIASTIC ->
          new TonePhrases(
              "Hi %s! Thanks so much for reaching out!",
              "Hi! Thanks so much for reaching out!",
              "Great to hear from you! Could you tell us a bit more so we can help? We'll get"
                  + " right back to you!",
              "We'll check on your other question and get back to you!",
              "Have a fantastic day!");
    };
  }

  /** A neutral request for details, for when the role's own wording uses a word to avoid. */
  static final String PLAIN_NO_ANSWER = "Could you tell us a bit more? We will follow up.";
}
