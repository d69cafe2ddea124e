package dev.smsinbox.domain;

import java.time.Instant;
import java.util.List;

/** The thread between one contact and one of our sender numbers, with its messages oldest first. */
public record Conversation(
    long id,
    Contact contact,
    SenderNumber senderNumber,
    int unreadCount,
    Instant lastActivityAt,
    List<Message> messages) {}
