package dev.smsinbox.domain;

import java.time.Instant;

/**
 * A row of the conversation list.
 *
 * @param status the status as people see it now (a snooze whose time came is OPEN)
 * @param snoozedUntil when a snoozed conversation comes back, else null
 * @param assignee the admin who handles it (their name as last seen), else null
 */
public record ConversationSummary(
    long id,
    Contact contact,
    LastMessage lastMessage,
    int unreadCount,
    Instant lastActivityAt,
    ConversationStatus status,
    Instant snoozedUntil,
    Actor assignee) {}
