package dev.smsinbox.domain;

import java.util.List;

/**
 * The AI switches of one CRM account's inbox (F11) and what draft replies are grounded in (F12).
 *
 * @param mistakesAcknowledged the admin ticked that AI can make mistakes and that they review every
 *     reply; Draft reply cannot be on without it
 * @param summaryIncludesNotes the admin chose that the team's internal notes go into the summary's
 *     input too (issue 21; off unless chosen). Notes never go into a draft reply to the customer.
 */
public record InboxSettings(
    boolean draftReply,
    boolean conversationSummary,
    boolean mistakesAcknowledged,
    BrandKit brandKit,
    ToneRole role,
    List<FaqEntry> faq,
    List<GroundingPage> pages,
    boolean summaryIncludesNotes) {

  public static final int MAX_PAGES = 3;

  /** Settings whose summaries leave the internal notes out (the default). */
  public InboxSettings(
      boolean draftReply,
      boolean conversationSummary,
      boolean mistakesAcknowledged,
      BrandKit brandKit,
      ToneRole role,
      List<FaqEntry> faq,
      List<GroundingPage> pages) {
    this(draftReply, conversationSummary, mistakesAcknowledged, brandKit, role, faq, pages, false);
  }

  public InboxSettings {
    brandKit = brandKit == null ? BrandKit.empty() : brandKit;
    role = role == null ? ToneRole.FRIENDLY : role;
    faq = faq == null ? List.of() : List.copyOf(faq);
    pages = pages == null ? List.of() : List.copyOf(pages);
  }

  /** A fresh account: both features off, nothing configured. */
  public static InboxSettings defaults() {
    return new InboxSettings(false, false, false, null, null, null, null);
  }
}
