package dev.smsinbox.domain;

import java.time.Instant;

/** A row of the conversation list. */
public record ConversationSummary(
    long id, Contact contact, LastMessage lastMessage, int unreadCount, Instant lastActivityAt) {}
