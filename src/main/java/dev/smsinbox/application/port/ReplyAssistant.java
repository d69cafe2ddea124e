package dev.smsinbox.application.port;

import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.InboxSettings;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.Note;
import java.util.List;

/**
 * The port to whatever writes draft replies and summaries. An implementation comes from a {@link
 * ReplyAssistantFactory} ({@code ai.provider} names it by id; its settings are {@code ai.<id>.*})
 * and is closed when the application stops.
 *
 * <p>Contract for every implementation: a draft uses only the settings' brand kit, role, FAQ and
 * fetched pages and the conversation itself; when they do not answer the customer, the draft says
 * so (a clarifying question, a promised follow-up) rather than inventing a fact, a price or a date.
 * A failing or slow backend throws {@link RequestRefused} with reason {@code UPSTREAM_FAILED} or
 * {@code UPSTREAM_TIMEOUT}, never a half-made text.
 */
public interface ReplyAssistant extends AutoCloseable {

  /** What a draft is written from. */
  record DraftRequest(InboxSettings settings, Contact contact, List<Message> conversation) {}

  /**
   * What a summary is written from: the conversation's first {@code messages.size()} messages and,
   * only when the account's admin chose so, the team's internal notes written meanwhile (oldest
   * first; otherwise none). A draft reply never gets notes: {@link DraftRequest} has none.
   */
  record SummaryRequest(Contact contact, List<Message> messages, List<Note> notes) {

    public SummaryRequest {
      notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public SummaryRequest(Contact contact, List<Message> messages) {
      this(contact, messages, List.of());
    }
  }

  /**
   * @param maxCharacters how long the draft may be (it must fit a few SMS)
   */
  String draftReply(DraftRequest request, int maxCharacters);

  /**
   * @param maxCharacters how long the summary may be
   */
  String summarize(SummaryRequest request, int maxCharacters);

  /**
   * Called in the background after settings were saved, so the first draft after a save does not
   * pay for indexing the new material. Optional.
   */
  default void prepare(InboxSettings settings) {}

  @Override
  default void close() {}
}
