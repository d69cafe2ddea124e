package dev.smsinbox.application;

import dev.smsinbox.application.port.InboxEvents;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Actor;
import dev.smsinbox.domain.ConversationStatus;
import dev.smsinbox.domain.Note;
import dev.smsinbox.domain.TeamRepository;
import dev.smsinbox.domain.TeamState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A team inbox (issue 21): a conversation's status (open, resolved, snoozed until a time), the
 * admin who handles it, internal notes, and "someone is typing". Every change is an event of the
 * account, so every open screen of it shows the change; status and assignment are audited.
 */
public class TeamInbox {

  public static final String CONVERSATION_UPDATED = "conversation.updated";
  public static final String NOTE_ADDED = "note.added";
  public static final String TYPING = "conversation.typing";

  /**
   * A change asked for; a null field is not changed, except the assignee when {@code assign} says
   * it was given (null then means nobody).
   */
  public record Change(
      ConversationStatus status, Instant snoozedUntil, boolean assign, String assigneeId) {}

  /** What a screen shows of the conversation's place in the team inbox, and who changed it. */
  public record Updated(
      long conversationId,
      ConversationStatus status,
      Instant snoozedUntil,
      Actor assignee,
      Actor by) {}

  public record NoteAdded(long conversationId, Note note) {}

  public record Typing(long conversationId, Actor admin) {}

  private final UnitOfWork unitOfWork;
  private final TeamRepository team;
  private final InboxEvents events;
  private final Audit audit;
  private final Clock clock;

  /** The names last written, by account and admin: a name unchanged is not written again. */
  private final Map<String, String> seen = new ConcurrentHashMap<>();

  public TeamInbox(
      UnitOfWork unitOfWork, TeamRepository team, InboxEvents events, Audit audit, Clock clock) {
    this.unitOfWork = unitOfWork;
    this.team = team;
    this.events = events;
    this.audit = audit;
    this.clock = clock;
  }

  /** An admin signed in or acted: keeps their name for the list and the "assign to" menu. */
  public void seen(Caller caller) {
    if (!caller.hasRole(Caller.ADMIN)) {
      return;
    }
    String key = caller.accountId() + "\n" + caller.id();
    if (caller.name().equals(seen.get(key))) {
      return;
    }
    unitOfWork.run(() -> team.seen(caller.accountId(), caller.actor(), clock.instant()));
    seen.put(key, caller.name());
  }

  /** The account's admins the inbox has seen: whom a conversation can be assigned to. */
  public List<Actor> admins(Caller caller) {
    seen(caller);
    return unitOfWork.inTransaction(() -> team.admins(caller.accountId()));
  }

  /** The conversation's status and assignee as screens show them. */
  public Updated state(Caller caller, long conversationId) {
    return unitOfWork.inTransaction(
        () -> view(conversationId, existing(caller, conversationId), null));
  }

  public Updated change(Caller caller, long conversationId, Change change) {
    seen(caller);
    Instant now = clock.instant();
    ConversationStatus status = change.status();
    if (status == null && change.snoozedUntil() != null) {
      status = ConversationStatus.SNOOZED;
    }
    if (status == null && !change.assign()) {
      throw RequestRefused.invalid(
          "Nothing to change: give status, snoozedUntil or assigneeId (null to unassign).");
    }
    if (status == ConversationStatus.SNOOZED) {
      if (change.snoozedUntil() == null) {
        throw RequestRefused.invalid("A snoozed conversation needs snoozedUntil: when it returns.");
      }
      if (!change.snoozedUntil().isAfter(now)) {
        throw RequestRefused.invalid(
            "snoozedUntil must be in the future, not " + change.snoozedUntil() + ".");
      }
    } else if (change.snoozedUntil() != null) {
      throw RequestRefused.invalid("snoozedUntil goes with status SNOOZED only.");
    }
    ConversationStatus newStatus = status;
    return unitOfWork.inTransaction(
        () -> {
          TeamState before = existing(caller, conversationId);
          if (newStatus != null) {
            team.setStatus(conversationId, newStatus, change.snoozedUntil());
            audit.record(
                caller,
                "conversation.status",
                null,
                conversationId,
                switch (newStatus) {
                  case OPEN -> "Opened";
                  case RESOLVED -> "Resolved";
                  case SNOOZED -> "Snoozed until " + change.snoozedUntil();
                });
          }
          if (change.assign()) {
            Actor assignee = null;
            if (change.assigneeId() != null) {
              assignee =
                  team.admin(caller.accountId(), change.assigneeId())
                      .orElseThrow(
                          () ->
                              RequestRefused.invalid(
                                  "'"
                                      + change.assigneeId()
                                      + "' is not an admin of this account the inbox knows;"
                                      + " an admin is known once they have opened the inbox."));
            }
            team.assign(conversationId, change.assigneeId());
            audit.record(
                caller,
                "conversation.assigned",
                null,
                conversationId,
                assignee == null
                    ? "Unassigned"
                        + (before.assignee() == null ? "" : " from " + before.assignee().name())
                    : "Assigned to " + assignee.name() + " (" + assignee.id() + ")");
          }
          Updated updated =
              view(
                  conversationId,
                  team.state(caller.accountId(), conversationId).orElseThrow(),
                  caller.actor());
          events.publish(caller.accountId(), CONVERSATION_UPDATED, updated);
          return updated;
        });
  }

  /**
   * Snoozed conversations whose time has come become OPEN again, and every open screen of their
   * account hears of it ({@code by} is null: nobody did it).
   */
  public void wakeSnoozed() {
    unitOfWork.run(
        () -> {
          for (TeamRepository.Woken w : team.wakeSnoozed(clock.instant(), 500)) {
            TeamState state = team.state(w.accountId(), w.conversationId()).orElseThrow();
            events.publish(
                w.accountId(), CONVERSATION_UPDATED, view(w.conversationId(), state, null));
          }
        });
  }

  /** An internal note: in the thread for the team, never sent, never unread, free. */
  public Note note(Caller caller, long conversationId, String text) {
    seen(caller);
    String body = text == null ? "" : text.strip();
    if (body.isEmpty()) {
      throw RequestRefused.invalid("A note needs text.");
    }
    if (body.length() > Note.MAX_LENGTH) {
      throw RequestRefused.invalid(
          "A note holds at most " + Note.MAX_LENGTH + " characters, not " + body.length() + ".");
    }
    return unitOfWork.inTransaction(
        () -> {
          existing(caller, conversationId);
          Note note =
              team.addNote(
                  caller.accountId(), conversationId, caller.actor(), body, clock.instant());
          audit.record(caller, "conversation.note", null, conversationId, "Added a note");
          events.publish(caller.accountId(), NOTE_ADDED, new NoteAdded(conversationId, note));
          return note;
        });
  }

  /** The conversation's notes, oldest first. */
  public List<Note> notes(Caller caller, long conversationId) {
    return unitOfWork.inTransaction(
        () -> {
          existing(caller, conversationId);
          return team.notes(conversationId);
        });
  }

  /** The admin is typing a reply: the other screens of the thread say so for a few seconds. */
  public void typing(Caller caller, long conversationId) {
    unitOfWork.run(
        () -> {
          existing(caller, conversationId);
          events.publish(caller.accountId(), TYPING, new Typing(conversationId, caller.actor()));
        });
  }

  private TeamState existing(Caller caller, long conversationId) {
    return team.state(caller.accountId(), conversationId)
        .orElseThrow(
            () -> RequestRefused.notFound("There is no conversation " + conversationId + "."));
  }

  private Updated view(long conversationId, TeamState state, Actor by) {
    Instant now = clock.instant();
    return new Updated(
        conversationId, state.statusAt(now), state.snoozedUntilAt(now), state.assignee(), by);
  }
}
