package dev.smsinbox.domain;

import java.time.Instant;

/**
 * A phone number that texted a stop word: nothing may be sent to it until it texts START. Kept by
 * number, not by contact, so it outlives a deleted or re-created contact.
 *
 * @param keyword the word they sent, as the inbox recognised it (e.g. {@code STOP})
 */
public record OptOut(String phone, String keyword, Instant at) {

  private static final String IN_THE_CRM = "unsubscribed in ";

  /**
   * The keyword of an opt-out the CRM asked for (the contact left an SMS list there), not a text:
   * {@code unsubscribed in ActiveCampaign}.
   */
  public static String inTheCrm(String crm) {
    return IN_THE_CRM + crm;
  }

  /** Whether the CRM asked for it ({@link #inTheCrm}) rather than a stop word. */
  public boolean fromTheCrm() {
    return keyword.startsWith(IN_THE_CRM);
  }
}
