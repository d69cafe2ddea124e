package dev.smsinbox.application;

import dev.smsinbox.application.InboxEventPayloads.ConversationRead;
import dev.smsinbox.application.port.InboxEvents;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Conversation;
import dev.smsinbox.domain.ConversationList;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.ConversationSummary;
import dev.smsinbox.domain.ListPosition;
import java.util.List;

/** Reading the inbox: the list, one conversation, unread counts, marking read and unread. */
public class InboxQueries {

  public static final int MAX_PAGE = 100;

  /** A page of the list and where the next one starts (null at the end). */
  public record ConversationPage(List<ConversationSummary> items, String nextCursor) {}

  private final UnitOfWork unitOfWork;
  private final ConversationList list;
  private final ConversationRepository conversations;
  private final InboxEvents events;

  public InboxQueries(
      UnitOfWork unitOfWork,
      ConversationList list,
      ConversationRepository conversations,
      InboxEvents events) {
    this.unitOfWork = unitOfWork;
    this.list = list;
    this.conversations = conversations;
    this.events = events;
  }

  public ConversationPage list(String query, boolean unreadOnly, Integer limit, String cursor) {
    int size = limit == null ? 30 : limit;
    if (size < 1 || size > MAX_PAGE) {
      throw RequestRefused.invalid("limit must be between 1 and " + MAX_PAGE + ".");
    }
    ListPosition after = ListCursor.decode(cursor);
    String q = query == null || query.isBlank() ? null : query.strip();
    List<ConversationSummary> rows =
        unitOfWork.inTransaction(() -> list.page(q, unreadOnly, after, size + 1));
    if (rows.size() <= size) {
      return new ConversationPage(rows, null);
    }
    List<ConversationSummary> page = rows.subList(0, size);
    ConversationSummary last = page.get(size - 1);
    return new ConversationPage(
        List.copyOf(page), ListCursor.encode(new ListPosition(last.lastActivityAt(), last.id())));
  }

  public Conversation conversation(long id) {
    return unitOfWork.inTransaction(
        () ->
            conversations
                .find(id)
                .orElseThrow(
                    () -> RequestRefused.notFound("There is no conversation " + id + ".")));
  }

  public long unreadTotal() {
    return unitOfWork.inTransaction(list::totalUnread);
  }

  public void markRead(long id) {
    setUnread(id, false);
  }

  public void markUnread(long id) {
    setUnread(id, true);
  }

  private void setUnread(long id, boolean unread) {
    unitOfWork.run(
        () -> {
          if (!conversations.setUnread(id, unread)) {
            throw RequestRefused.notFound("There is no conversation " + id + ".");
          }
          events.publish(
              InboxEvents.CONVERSATION_READ,
              new ConversationRead(id, conversations.unreadCount(id)));
        });
  }
}
