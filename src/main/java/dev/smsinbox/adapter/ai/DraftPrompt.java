package dev.smsinbox.adapter.ai;

import dev.smsinbox.adapter.ai.Passages.Passage;
import dev.smsinbox.domain.BrandKit;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.Direction;
import dev.smsinbox.domain.FaqEntry;
import dev.smsinbox.domain.InboxSettings;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.Note;
import java.util.List;

/**
 * The prompts for a chat model: the rules and the admin's material in the system message, the
 * conversation in the user message. The rules say what the embedded assistant does by construction:
 * use only this material, and ask or promise a follow-up instead of guessing.
 */
final class DraftPrompt {

  static final int MAX_FAQ = 8;
  static final int MAX_PASSAGES = 4;
  static final int TRANSCRIPT_MESSAGES = 20;

  private DraftPrompt() {}

  static String draftSystem(
      InboxSettings settings, List<FaqEntry> faq, List<Passage> passages, int maxCharacters) {
    BrandKit kit = settings.brandKit();
    StringBuilder p = new StringBuilder();
    p.append("You write a draft SMS reply for a company's support team. A person reviews and")
        .append(" edits it before anything is sent.\n\nRules:\n")
        .append("- Use ONLY the facts in the FREQUENT QUESTIONS and WEB PAGE PASSAGES below and in")
        .append(" the conversation. Do not use any other knowledge.\n")
        .append("- Never invent or guess a fact, a price, a date, a time, a policy or a promise.\n")
        .append("- If the material does not answer the customer, say you will check and follow")
        .append(" up, or ask a short clarifying question.\n")
        .append("- Plain text, no markdown, no emoji, at most ")
        .append(maxCharacters)
        .append(" characters. Answer only with the reply text.\n");
    p.append("\nTone: ")
        .append(settings.role().label())
        .append(" - ")
        .append(settings.role().description())
        .append('\n');
    if (kit.brandName() != null) {
      p.append("Brand: ").append(kit.brandName()).append('\n');
    }
    if (kit.voice() != null) {
      p.append("Brand voice: ").append(kit.voice()).append('\n');
    }
    if (kit.signOff() != null) {
      p.append("End the reply with this sign-off on its own line: ")
          .append(kit.signOff())
          .append('\n');
    }
    if (!kit.wordsToAvoid().isEmpty()) {
      p.append("Never use these words: ")
          .append(String.join(", ", kit.wordsToAvoid()))
          .append('\n');
    }
    p.append("\nFREQUENT QUESTIONS:\n");
    if (faq.isEmpty()) {
      p.append("(none)\n");
    }
    faq.forEach(
        e -> p.append("Q: ").append(e.question()).append("\nA: ").append(e.answer()).append('\n'));
    p.append("\nWEB PAGE PASSAGES:\n");
    if (passages.isEmpty()) {
      p.append("(none)\n");
    }
    passages.forEach(x -> p.append("[").append(x.url()).append("] ").append(x.text()).append('\n'));
    return p.toString();
  }

  static String draftUser(Contact contact, List<Message> conversation) {
    return "Conversation so far, oldest first:\n"
        + transcript(contact, conversation)
        + "\nWrite the reply to the customer's latest message(s).";
  }

  static String summarySystem(int maxCharacters) {
    return "You summarize an SMS conversation between a customer and a company's support team for"
        + " the team. In at most "
        + maxCharacters
        + " characters of plain text say who asked what, what was answered, and what is still"
        + " open. Use only what the messages say; do not add anything.";
  }

  /**
   * The team's internal notes, for a summary whose account chose to include them; apart from the
   * transcript, so the model never takes them for something said to the customer.
   */
  static String notes(List<Note> notes) {
    if (notes == null || notes.isEmpty()) {
      return "";
    }
    StringBuilder t =
        new StringBuilder("\nInternal notes of the team (never sent to the customer):\n");
    for (Note n : notes) {
      t.append("Note")
          .append(n.sentBy() == null || n.sentBy().name() == null ? "" : " by " + n.sentBy().name())
          .append(": ")
          .append(n.text())
          .append('\n');
    }
    return t.toString();
  }

  static String transcript(Contact contact, List<Message> messages) {
    String customer =
        contact == null || contact.firstName() == null
            ? "Customer"
            : "Customer (" + contact.firstName() + ")";
    StringBuilder t = new StringBuilder();
    List<Message> recent =
        messages.subList(Math.max(0, messages.size() - TRANSCRIPT_MESSAGES), messages.size());
    for (Message m : recent) {
      t.append(m.direction() == Direction.INBOUND ? customer : "Us")
          .append(": ")
          .append(m.text())
          .append('\n');
    }
    return t.toString();
  }
}
