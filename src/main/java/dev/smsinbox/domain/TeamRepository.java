package dev.smsinbox.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The team inbox's state: conversations' status and assignee, the account's admins as last seen,
 * and internal notes. Every read and write names the account.
 */
public interface TeamRepository {

  /** Keeps the admin's name as their token last gave it. */
  void seen(String accountId, Actor admin, Instant at);

  /** The account's admins seen so far, by name. */
  List<Actor> admins(String accountId);

  Optional<Actor> admin(String accountId, String adminId);

  /** The conversation's state; empty when the account has no such conversation. */
  Optional<TeamState> state(String accountId, long conversationId);

  void setStatus(long conversationId, ConversationStatus status, Instant snoozedUntil);

  /**
   * @param assigneeId an admin's id, or null for nobody
   */
  void assign(long conversationId, String assigneeId);

  /** A snoozed conversation whose time came, set open again. */
  record Woken(String accountId, long conversationId) {}

  /** Sets open (at most {@code limit} of) the snoozed conversations whose time has come. */
  List<Woken> wakeSnoozed(Instant now, int limit);

  Note addNote(String accountId, long conversationId, Actor author, String text, Instant at);

  /** The conversation's notes, oldest first. */
  List<Note> notes(long conversationId);
}
