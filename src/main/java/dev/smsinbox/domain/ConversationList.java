package dev.smsinbox.domain;

import java.util.List;

/**
 * The inbox's list of conversations as the screens read it: latest activity first, a page at a
 * time, searched by a contact's name, email or number or by words in its messages, and the unread
 * badge over it. Only reads; the {@link ConversationRepository} writes what it shows.
 */
public interface ConversationList {

  /**
   * The page of the list that starts after {@code after} (null: the first page).
   *
   * @param query a name, email or phone number, or words of a message (from three letters), to
   *     search for (null: every conversation)
   */
  default List<ConversationSummary> page(
      String accountId, String query, boolean unreadOnly, ListPosition after, int limit) {
    return page(
        accountId, query, unreadOnly, TeamFilter.everything(java.time.Instant.now()), after, limit);
  }

  /** The page, with the team inbox's filters (status, assignee). */
  List<ConversationSummary> page(
      String accountId,
      String query,
      boolean unreadOnly,
      TeamFilter team,
      ListPosition after,
      int limit);

  /** Unread messages in all conversations together: the badge. */
  long totalUnread(String accountId);
}
