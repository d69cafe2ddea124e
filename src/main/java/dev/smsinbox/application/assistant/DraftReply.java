package dev.smsinbox.application.assistant;

import dev.smsinbox.application.Caller;
import dev.smsinbox.application.port.ReplyAssistant;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Conversation;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.InboxSettings;
import dev.smsinbox.sms.SmsComposer;
import dev.smsinbox.sms.SmsMeasure;
import java.util.function.Supplier;

/**
 * The "Draft reply" button (F12): an editable text for the admin, grounded in what they configured.
 * Nothing is sent or stored; the admin edits the draft and sends it through the composer.
 */
public class DraftReply {

  /** Drafts stay within three SMS parts. */
  public static final int MAX_SEGMENTS = 3;

  /** What the assistant is asked for: three GSM-7 parts of 153 characters, with some slack. */
  static final int MAX_CHARACTERS = 440;

  /** The draft and the composer's numbers for it. */
  public record Draft(String text, SmsMeasure measure) {}

  private final UnitOfWork unitOfWork;
  private final ManageInboxSettings settings;
  private final ConversationRepository conversations;
  private final Supplier<ReplyAssistant> assistant;

  public DraftReply(
      UnitOfWork unitOfWork,
      ManageInboxSettings settings,
      ConversationRepository conversations,
      Supplier<ReplyAssistant> assistant) {
    this.unitOfWork = unitOfWork;
    this.settings = settings;
    this.conversations = conversations;
    this.assistant = assistant;
  }

  public Draft draft(Caller caller, long conversationId) {
    InboxSettings current = settings.current(caller.accountId());
    Conversation conversation =
        unitOfWork.inTransaction(
            () ->
                conversations
                    .find(conversationId)
                    .filter(c -> c.accountId().equals(caller.accountId()))
                    .orElseThrow(
                        () ->
                            RequestRefused.notFound(
                                "There is no conversation " + conversationId + ".")));
    if (!current.draftReply()) {
      throw new RequestRefused(
          RequestRefused.Reason.CONFLICT, "Turn on Draft reply in the inbox settings.");
    }
    String written =
        assistant
            .get()
            .draftReply(
                new ReplyAssistant.DraftRequest(
                    current, conversation.contact(), conversation.messages()),
                MAX_CHARACTERS);
    String text = SmsText.fit(SmsText.plain(written), MAX_SEGMENTS);
    return new Draft(text, SmsComposer.measure(text));
  }
}
