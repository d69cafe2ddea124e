package dev.smsinbox.runtime;

import dev.smsinbox.application.AutomationEvents;
import dev.smsinbox.application.InboxEvents;

/**
 * Records enrolments in the event log, in the enrolment's transaction, so integrators' routes on
 * {@code direct:automation.enrolled} hear of each one at least once (see {@link IntegratorEvents}).
 */
final class RecordedAutomationEvents implements AutomationEvents {

  private final InboxEvents events;

  RecordedAutomationEvents(InboxEvents events) {
    this.events = events;
  }

  @Override
  public void enrolled(Enrolled event) {
    events.publish(IntegratorEvents.AUTOMATION_ENROLLED, event);
  }
}
