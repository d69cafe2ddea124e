package dev.smsinbox.application.contacts;

import dev.smsinbox.application.Audit;
import dev.smsinbox.application.Caller;
import dev.smsinbox.application.InboxEventPayloads.ConversationDeleted;
import dev.smsinbox.application.port.ContactTraces;
import dev.smsinbox.application.port.InboxEvents;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.ContactRepository;
import dev.smsinbox.domain.ConversationRepository;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/**
 * Deleting a contact erases their SMS history for real (F10): conversations, messages and live
 * events are deleted, not hidden, and so is every copy of their number and texts elsewhere (the
 * inbound journal, unfiled SMS, integrators' dead letters and hook answers, kept answers: issue 17,
 * see {@link ContactTraces}); the audit keeps that a deletion happened, never what was said. The
 * contact can be restored, without the history. Opt-outs stay: a number that said STOP must not be
 * texted because its contact was deleted and restored.
 */
public class DeleteContact {

  private static final Logger LOG = Logger.getLogger(DeleteContact.class.getName());

  private final UnitOfWork unitOfWork;
  private final ContactRepository contacts;
  private final ConversationRepository conversations;
  private final ContactTraces traces;
  private final InboxEvents events;
  private final Audit audit;
  private final Clock clock;

  public DeleteContact(
      UnitOfWork unitOfWork,
      ContactRepository contacts,
      ConversationRepository conversations,
      ContactTraces traces,
      InboxEvents events,
      Audit audit,
      Clock clock) {
    this.audit = audit;
    this.traces = traces;
    this.unitOfWork = unitOfWork;
    this.contacts = contacts;
    this.conversations = conversations;
    this.events = events;
    this.clock = clock;
  }

  public void delete(Caller caller, long contactId) {
    String erased =
        unitOfWork.inTransaction(
            () -> {
              String phone = exists(caller, contactId);
              contacts.markDeleted(contactId, clock.instant());
              // Read before the messages go; a plain read, so locks are still taken in the
              // order inbound filing takes them (conversations first).
              List<Long> messages = traces.messagesOf(contactId);
              List<Long> gone = conversations.deleteOfContact(contactId);
              ContactTraces.Erased copies =
                  traces.erase(caller.accountId(), contactId, phone, gone, messages);
              // Screens showing them drop them, and the unread badge loses their unread.
              events.publishAll(
                  caller.accountId(),
                  InboxEvents.CONVERSATION_DELETED,
                  gone.stream().map(id -> new ConversationDeleted(id, contactId)).toList());
              // That it happened, never what was said.
              audit.record(
                  caller,
                  "contact.deleted",
                  contactId,
                  null,
                  "Contact deleted with " + gone.size() + " conversation(s) and their SMS");
              return gone.size() + " conversation(s) and their messages; erased " + copies;
            });
    LOG.info(() -> "Contact " + contactId + " deleted with " + erased);
  }

  public void restore(Caller caller, long contactId) {
    unitOfWork.run(
        () -> {
          exists(caller, contactId);
          contacts.restore(contactId);
          audit.record(
              caller, "contact.restored", contactId, null, "Contact restored, without its SMS");
        });
    LOG.info(() -> "Contact " + contactId + " restored, without its former SMS history");
  }

  /** The contact's phone number; 404 for a contact the caller's account does not have. */
  private String exists(Caller caller, long contactId) {
    return contacts
        .find(caller.accountId(), contactId)
        .map(c -> c.phone())
        .orElseThrow(() -> RequestRefused.notFound("There is no contact " + contactId + "."));
  }
}
