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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /**
   * Conversations with a message stored since the background last looked, by account; guarded by
   * this. A burst files thousands of SMS a second: one look a conversation and one settings read an
   * account for all that gathered meanwhile, not a task and two reads for each SMS (measured: 100
   * µs of the server's CPU an SMS filed, with the switch off).
   */
  private final Map<String, Set<Long>> stored = new LinkedHashMap<>();

  private boolean lookQueued; // guarded by this

  @Override
  public void afterStored(String accountId, Message message) {
    boolean queue;
    synchronized (this) {
      stored.computeIfAbsent(accountId, a -> new LinkedHashSet<>()).add(message.conversationId());
      queue = !lookQueued;
      lookQueued = true;
    }
    if (queue) {
      try {
        background.execute(this::summarizeWhatIsDue);
      } catch (RejectedExecutionException e) {
        synchronized (this) {
          lookQueued = false;
        }
        LOG.fine("Summaries are stopping; none for conversation " + message.conversationId());
      }
    }
  }

  /** The conversations stored in since the last look, of accounts whose switch is on. */
  private void summarizeWhatIsDue() {
    Map<String, Set<Long>> due;
    synchronized (this) {
      due = new LinkedHashMap<>(stored);
      stored.clear();
      lookQueued = false;
    }
    due.forEach(
        (accountId, conversationIds) -> {
          boolean on;
          try {
            on = settings.current(accountId).conversationSummary();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "No summaries this time: the settings could not be read", e);
            return;
          }
          if (on) {
            conversationIds.forEach(id -> summarizeIfDue(accountId, id));
          }
        });
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

  private void summarizeIfDue(String accountId, long conversationId) {
    try {
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
      if (conversation == null
          || !conversation.accountId().equals(accountId)
          || conversation.messages().size() < due) {
        return;
      }
      List<Message> upToMilestone = conversation.messages().subList(0, due);
      List<Note> notes = notesFor(accountId, conversationId, upToMilestone);
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
