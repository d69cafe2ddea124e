package dev.smsinbox.application.contacts;

import dev.smsinbox.application.port.InboxEvents;

/**
 * Records enrolments in the event log, in the enrolment's transaction, so integrators' routes on
 * {@code direct:automation.enrolled} hear of each one at least once (camel-routes/README.md).
 */
public final class RecordedAutomationEvents implements AutomationEvents {

  private final InboxEvents events;

  public RecordedAutomationEvents(InboxEvents events) {
    this.events = events;
  }

  @Override
  public void enrolled(String accountId, Enrolled event) {
    events.publish(accountId, InboxEvents.AUTOMATION_ENROLLED, event);
  }
}
