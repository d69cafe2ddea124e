package dev.smsinbox.application.assistant;

import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.port.InboxEvents;
import dev.smsinbox.application.port.ReplyAssistant;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Conversation;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.Note;
import dev.smsinbox.domain.Summary;
import dev.smsinbox.domain.SummaryRepository;
import dev.smsinbox.domain.TeamRepository;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Conversation summaries (F13): when a conversation reaches 10, 20, 30 … messages and the switch is
 * on, a short summary of those messages is written in the background, stored, and announced to the
 * screens. Storing a message never waits for it; a summary that failed (a model down) is tried
 * again with the conversation's next message. Turning the switch off stops new summaries only.
 */
public class SummarizeConversations implements MessageHooks.StoredListener {

  public static final String EVENT = "conversation.summarized";
  public static final int EVERY = 10;
  static final int MAX_CHARACTERS = 400;

  private static final Logger LOG = Logger.getLogger(SummarizeConversations.class.getName());

  /** The payload of {@value #EVENT}. */
  public record Summarized(long conversationId, int messageCount, String text) {}

  private final UnitOfWork unitOfWork;
  private final ManageInboxSettings settings;
  private final ConversationRepository conversations;
  private final SummaryRepository summaries;
  private final InboxEvents events;
  private final Supplier<ReplyAssistant> assistant;
  private final Executor background;
  private final Clock clock;

  public SummarizeConversations(
      UnitOfWork unitOfWork,
      ManageInboxSettings settings,
      ConversationRepository conversations,
      SummaryRepository summaries,
      InboxEvents events,
      Supplier<ReplyAssistant> assistant,
      Executor background,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.settings = settings;
    this.conversations = conversations;
    this.summaries = summaries;
    this.events = events;
    this.assistant = assistant;
    this.background = background;
    this.clock = clock;
  }

  @Override
  public void afterStored(Message message) {
    try {
      background.execute(() -> summarizeIfDue(message.conversationId()));
    } catch (RejectedExecutionException e) {
      LOG.fine("Summaries are stopping; none for conversation " + message.conversationId());
    }
  }

  /** The conversation's summaries, oldest first. */
  public List<Summary> of(long conversationId) { // the caller has found the conversation
    return unitOfWork.inTransaction(() -> summaries.of(conversationId));
  }

  private TeamRepository team;

  /** Where the internal notes are read from, for accounts whose admin chose to summarize them. */
  public SummarizeConversations notes(TeamRepository team) {
    this.team = team;
    return this;
  }

  /**
   * The notes written up to the summarized messages' last one, only when the account's admin chose
   * so (Settings, "Include internal notes"); none otherwise: a note is the team's, and the
   * summary's input leaves it out unless asked.
   */
  private List<Note> notesFor(String accountId, long conversationId, List<Message> messages) {
    if (team == null || messages.isEmpty() || !settings.current(accountId).summaryIncludesNotes()) {
      return List.of();
    }
    java.time.Instant until = messages.get(messages.size() - 1).at();
    return unitOfWork.inTransaction(() -> team.notes(conversationId)).stream()
        .filter(n -> !n.at().isAfter(until))
        .toList();
  }

  void summarizeIfDue(long conversationId) {
    try {
      Conversation header =
          unitOfWork.inTransaction(() -> conversations.findHeader(conversationId)).orElse(null);
      if (header == null || !settings.current(header.accountId()).conversationSummary()) {
        return;
      }
      int due =
          unitOfWork.inTransaction(
              () -> {
                int milestone = summaries.messageCount(conversationId) / EVERY * EVERY;
                return milestone > summaries.lastSummarizedCount(conversationId) ? milestone : 0;
              });
      if (due == 0) {
        return;
      }
      Conversation conversation =
          unitOfWork.inTransaction(() -> conversations.find(conversationId)).orElse(null);
      if (conversation == null || conversation.messages().size() < due) {
        return;
      }
      List<Message> upToMilestone = conversation.messages().subList(0, due);
      List<Note> notes = notesFor(header.accountId(), conversationId, upToMilestone);
      String text =
          SmsText.plain(
              assistant
                  .get()
                  .summarize(
                      new ReplyAssistant.SummaryRequest(
                          conversation.contact(), upToMilestone, notes),
                      MAX_CHARACTERS));
      unitOfWork.run(
          () -> {
            if (summaries.add(conversationId, new Summary(due, text, clock.instant()))) {
              events.publish(
                  conversation.accountId(), EVENT, new Summarized(conversationId, due, text));
            }
          });
      LOG.info(() -> "Conversation " + conversationId + " summarized at " + due + " messages");
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "No summary for conversation " + conversationId + " this time; the next message retries",
          e);
    }
  }
}
