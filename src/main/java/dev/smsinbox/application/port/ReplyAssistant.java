package dev.smsinbox.application.port;

import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.InboxSettings;
import dev.smsinbox.domain.Message;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The port to whatever writes draft replies and summaries. Shaped like a Keycloak SPI: an
 * implementation comes from a {@link Factory} with an id ({@code ai.provider} names it), reads its
 * own settings under {@code ai.<id>.*} through a {@link Scope}, and is closed when the application
 * stops.
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

  /** What a summary is written from: the conversation's first {@code messages.size()} messages. */
  record SummaryRequest(Contact contact, List<Message> messages) {}

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

  /** Makes the assistant named {@link #id()}. */
  interface Factory {
    String id();

    ReplyAssistant create(Scope config);
  }

  /** The assistant's own settings: key {@code model} reads {@code ai.<id>.model}. */
  interface Scope {
    Optional<String> get(String key);

    default String get(String key, String defaultValue) {
      return get(key).orElse(defaultValue);
    }

    default Duration duration(String key, Duration defaultValue) {
      return get(key).map(Duration::parse).orElse(defaultValue);
    }
  }
}
