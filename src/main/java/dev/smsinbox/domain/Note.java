package dev.smsinbox.domain;

import java.time.Instant;

/**
 * An internal note in a conversation's thread: only the account's admins see it; it is never sent,
 * never unread and costs nothing.
 *
 * @param direction always {@code NOTE}, so a thread's items say what they are
 */
public record Note(
    long id, long conversationId, String direction, String text, Instant at, Actor sentBy) {

  public static final String NOTE = "NOTE";

  /** The longest note kept. */
  public static final int MAX_LENGTH = 2000;

  public Note {
    direction = NOTE;
  }
}
