package dev.smsinbox.application;

import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageStatus;

/** The JSON bodies of the live events (see CONTRACT.md). */
public final class InboxEventPayloads {

  private InboxEventPayloads() {}

  public record MessageReceived(long conversationId, Message message) {}

  public record StatusChanged(
      long conversationId, long messageId, MessageStatus status, String error) {}

  public record ConversationRead(long conversationId, int unreadCount) {}

  public record UnreadCount(long unread) {}
}
