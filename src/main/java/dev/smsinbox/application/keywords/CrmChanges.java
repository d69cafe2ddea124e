package dev.smsinbox.application.keywords;

import dev.smsinbox.application.contacts.AutomationEvents;
import dev.smsinbox.application.port.CrmChangeQueue;
import dev.smsinbox.application.port.CrmChangeQueue.Change;
import dev.smsinbox.application.port.CrmChangeQueue.Kind;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.CrmConnectors;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.crm.Consent;
import dev.smsinbox.domain.crm.ListSubscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What an SMS keyword changes in the CRM: STOP takes the contact off every SMS list they are on,
 * START puts them back on the lists a STOP ended, a keyword rule's keyword (JOIN …) enrols them in
 * the rule's automation (told to integrators as {@code automation.enrolled} when it is done, as an
 * admin's enrolment is). A connector that keeps its data in the inbox's database (the embedded one)
 * does it at once, in the transaction that files the SMS, so the change is committed with the
 * message or not at all. For any other CRM the change is queued in that transaction instead and
 * applied after it ({@link #applyDue}), so a CRM that is slow, limited to a few requests a second
 * or down is never on the carrier's path: a change that fails is tried again after a delay that
 * doubles each time (up to a limit), and after the last attempt it stays in the queue as a dead
 * letter, logged.
 */
public class CrmChanges {

  private static final Logger LOG = Logger.getLogger(CrmChanges.class.getName());

  /** How many due changes one pass takes. */
  private static final int BATCH = 50;

  /** When to try again and when to give up. */
  public record Retries(int maxAttempts, Duration firstDelay, Duration maxDelay) {
    public Retries {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
    }

    Duration delayAfter(int attempts) {
      Duration delay = firstDelay;
      for (int i = 1; i < attempts && delay.compareTo(maxDelay) < 0; i++) {
        delay = delay.multipliedBy(2);
      }
      return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
  }

  private final UnitOfWork unitOfWork;
  private final CrmConnectors crms;
  private final CrmChangeQueue queue;
  private final AutomationEvents automationEvents;
  private final Retries retries;
  private final Clock clock;

  public CrmChanges(
      UnitOfWork unitOfWork,
      CrmConnectors crms,
      CrmChangeQueue queue,
      AutomationEvents automationEvents,
      Retries retries,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.crms = crms;
    this.queue = queue;
    this.automationEvents = automationEvents;
    this.retries = retries;
    this.clock = clock;
  }

  /**
   * In the caller's (the filing) transaction: the change for the account's CRM, at once or queued.
   */
  void asked(String accountId, long contactId, Kind kind, Consent consent) {
    asked(accountId, contactId, kind, null, consent);
  }

  /**
   * In the caller's (the filing) transaction: the contact into the automation, at once or queued.
   *
   * @param consent when, and {@code by} the keyword rule ("SMS keyword JOIN"): the enrolment's
   *     "enrolled by"
   */
  void enrol(String accountId, long contactId, long automationId, Consent consent) {
    asked(accountId, contactId, Kind.ENROL, automationId, consent);
  }

  private void asked(
      String accountId, long contactId, Kind kind, Long automationId, Consent consent) {
    CrmConnector crm = crms.forAccount(accountId);
    if (crm.inTheInboxDatabase()) {
      apply(crm, accountId, contactId, kind, automationId, consent);
    } else {
      queue.add(accountId, contactId, kind, automationId, consent, clock.instant());
    }
  }

  private void apply(
      CrmConnector crm,
      String accountId,
      long contactId,
      Kind kind,
      Long automationId,
      Consent consent) {
    switch (kind) {
      case OPT_OUT ->
          crm.subscriptionsOf(contactId).stream()
              .filter(ListSubscription::isSubscribed)
              .forEach(s -> crm.unsubscribe(contactId, s.list().id(), consent));
      case OPT_IN ->
          crm.subscriptionsOf(contactId).stream()
              .filter(ListSubscription::leftByKeyword)
              .forEach(s -> crm.subscribe(contactId, s.list().id(), consent));
      case ENROL -> enrol(crm, accountId, contactId, automationId, consent);
    }
  }

  /**
   * An automation deleted in the CRM since the rule was saved enrols no one (and, with the embedded
   * connector, must not fail the filing of the SMS): it is logged for the admin to fix the rule.
   * Already being in the automation changes nothing and tells no one.
   */
  private void enrol(
      CrmConnector crm, String accountId, long contactId, Long automationId, Consent consent) {
    if (automationId == null || crm.findAutomation(automationId).isEmpty()) {
      LOG.warning(
          () ->
              "Contact "
                  + contactId
                  + " texted a keyword of account "
                  + accountId
                  + " whose automation "
                  + automationId
                  + " the CRM no longer has; no one was enrolled: fix the keyword rule");
      return;
    }
    crm.enrol(contactId, automationId, consent.by(), consent.at())
        .ifPresent(
            enrolment ->
                automationEvents.enrolled(
                    accountId,
                    new AutomationEvents.Enrolled(
                        contactId,
                        enrolment.automation().id(),
                        enrolment.automation().name(),
                        enrolment.enrolledAt(),
                        enrolment.enrolledBy())));
  }

  /**
   * Applies the changes that are due, each in a unit of work of its own with its removal from the
   * queue (applying one twice changes nothing more); one that fails waits its turn again.
   *
   * @return how many were applied
   */
  public int applyDue() {
    List<Change> due = unitOfWork.inTransaction(() -> queue.due(clock.instant(), BATCH));
    int applied = 0;
    for (Change change : due) {
      try {
        unitOfWork.run(
            () -> {
              apply(
                  crms.forAccount(change.accountId()),
                  change.accountId(),
                  change.contactId(),
                  change.kind(),
                  change.automationId(),
                  change.consent());
              queue.done(change.id());
            });
        applied++;
      } catch (RuntimeException e) {
        failed(change, e);
      }
    }
    return applied;
  }

  private void failed(Change change, RuntimeException e) {
    int attempts = change.attempts() + 1;
    Instant now = clock.instant();
    String error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    if (attempts >= retries.maxAttempts()) {
      unitOfWork.run(() -> queue.dead(change.id(), now, error));
      LOG.log(
          Level.SEVERE,
          "CRM change "
              + change.id()
              + " ("
              + change.kind()
              + " for contact "
              + change.contactId()
              + ") failed "
              + attempts
              + " times and is kept as a dead letter in crm_change_queue: "
              + error);
      return;
    }
    Duration delay = retries.delayAfter(attempts);
    unitOfWork.run(() -> queue.retryAt(change.id(), now.plus(delay), error));
    LOG.warning(
        () ->
            "CRM change "
                + change.id()
                + " ("
                + change.kind()
                + " for contact "
                + change.contactId()
                + ") failed (attempt "
                + attempts
                + " of "
                + retries.maxAttempts()
                + "), next in "
                + delay
                + ": "
                + error);
  }
}
