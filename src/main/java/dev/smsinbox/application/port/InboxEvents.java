package dev.smsinbox.application.port;

import java.util.List;

/**
 * What the screens learn live. An event is recorded in the caller's transaction, so it exists
 * exactly when the change it reports does, and is numbered for replay after a reconnect.
 */
public interface InboxEvents {

  String MESSAGE_RECEIVED = "message.received";
  String MESSAGE_STATUS = "message.status";

  /**
   * How many of the account's SMS were acknowledged and wait to be filed, while they wait more than
   * a few seconds (a flood that saturates the link): the screens say so rather than look idle.
   */
  String INBOUND_WAITING = "inbound.waiting";

  /** An outbound message was queued, whoever sent it: every screen of the account shows it. */
  String MESSAGE_QUEUED = "message.queued";

  String CONVERSATION_READ = "conversation.read";

  /** The conversation is gone with its contact's deletion (F10): screens drop it. */
  String CONVERSATION_DELETED = "conversation.deleted";

  /**
   * Not recorded: the live hub sends the current total after each batch that may change it, so the
   * hot path does not compute it per message.
   */
  String UNREAD_COUNT = "unread.count";

  /** A contact enrolled in an automation; for integrators only (the screens ignore it). */
  String AUTOMATION_ENROLLED = "automation.enrolled";

  /**
   * Records an event of the CRM account (tenant) it concerns: its stream and its integrators'
   * events carry {@code accountId}; an admin's stream shows only their account's events.
   *
   * @param accountId the account; null for an event of no account (an SMS to a number of nobody's)
   */
  void publish(String accountId, String type, Object payload);

  /** Records one event of the type for each payload, in order, all of one account. */
  void publishAll(String accountId, String type, List<?> payloads);
}
