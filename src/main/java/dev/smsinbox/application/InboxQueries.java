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
import dev.smsinbox.domain.TeamFilter;
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

  public ConversationPage list(
      String accountId, String query, boolean unreadOnly, Integer limit, String cursor) {
    return list(
        accountId,
        query,
        unreadOnly,
        TeamFilter.everything(java.time.Instant.now()),
        limit,
        cursor);
  }

  /** The list with the team inbox's filters: status and assignee. */
  public ConversationPage list(
      String accountId,
      String query,
      boolean unreadOnly,
      TeamFilter team,
      Integer limit,
      String cursor) {
    int size = limit == null ? 30 : limit;
    if (size < 1 || size > MAX_PAGE) {
      throw RequestRefused.invalid("limit must be between 1 and " + MAX_PAGE + ".");
    }
    ListPosition after = ListCursor.decode(cursor);
    String q = query == null || query.isBlank() ? null : query.strip();
    List<ConversationSummary> rows =
        unitOfWork.inTransaction(() -> list.page(accountId, q, unreadOnly, team, after, size + 1));
    if (rows.size() <= size) {
      return new ConversationPage(rows, null);
    }
    List<ConversationSummary> page = rows.subList(0, size);
    ConversationSummary last = page.get(size - 1);
    return new ConversationPage(
        List.copyOf(page), ListCursor.encode(new ListPosition(last.lastActivityAt(), last.id())));
  }

  /** The account's conversation; another account's answers as one that does not exist. */
  public Conversation conversation(String accountId, long id) {
    return unitOfWork.inTransaction(
        () ->
            conversations
                .find(id)
                .filter(c -> c.accountId().equals(accountId))
                .orElseThrow(
                    () -> RequestRefused.notFound("There is no conversation " + id + ".")));
  }

  public long unreadTotal(String accountId) {
    return unitOfWork.inTransaction(() -> list.totalUnread(accountId));
  }

  public void markRead(String accountId, long id) {
    setUnread(accountId, id, false);
  }

  public void markUnread(String accountId, long id) {
    setUnread(accountId, id, true);
  }

  private void setUnread(String accountId, long id, boolean unread) {
    unitOfWork.run(
        () -> {
          boolean ours =
              conversations.findHeader(id).filter(c -> c.accountId().equals(accountId)).isPresent();
          if (!ours || !conversations.setUnread(id, unread)) {
            throw RequestRefused.notFound("There is no conversation " + id + ".");
          }
          events.publish(
              accountId,
              InboxEvents.CONVERSATION_READ,
              new ConversationRead(id, conversations.unreadCount(id)));
        });
  }
}
