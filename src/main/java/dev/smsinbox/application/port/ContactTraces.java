package dev.smsinbox.application.port;

import java.util.List;

/**
 * Where a contact's phone number and texts are copied besides their conversations (issue 17,
 * personal data): the inbound journal and the concatenated parts still waiting, the SMS that took
 * no conversation, the live events, the integrators' dead letters and hook answers, and the answers
 * kept for idempotent retries. Deleting the contact erases them too, in its transaction, only those
 * of the caller's account.
 */
public interface ContactTraces {

  /**
   * The ids of the contact's messages, read before their conversations are deleted (hook answers
   * name a message, not a conversation).
   */
  List<Long> messagesOf(long contactId);

  /**
   * Erases what names the contact of {@code accountId}: by its phone number (as E.164 and as the
   * carrier writes it, without the +), by its conversations, its messages and its id.
   */
  Erased erase(
      String accountId,
      long contactId,
      String phone,
      List<Long> conversationIds,
      List<Long> messageIds);

  /** How many of each were erased, for the log. */
  record Erased(
      int events,
      int deadLetters,
      int hookAnswers,
      int journal,
      int parts,
      int unrouted,
      int idempotentAnswers) {

    @Override
    public String toString() {
      return events
          + " live event(s), "
          + deadLetters
          + " dead letter(s), "
          + hookAnswers
          + " hook answer(s), "
          + journal
          + " journal entr(ies), "
          + parts
          + " waiting part(s), "
          + unrouted
          + " unfiled SMS, "
          + idempotentAnswers
          + " kept answer(s)";
    }
  }
}
