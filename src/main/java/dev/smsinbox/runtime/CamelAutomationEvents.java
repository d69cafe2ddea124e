package dev.smsinbox.runtime;

import dev.smsinbox.application.AutomationEvents;
import java.util.logging.Logger;

/**
 * Publishes enrolments to integrators' routes on {@code direct:automation.enrolled}, through the
 * same {@link IntegratorEvents} as the inbox's own events: asynchronously, and only when a route
 * listens.
 */
final class CamelAutomationEvents implements AutomationEvents {

  private static final Logger LOG = Logger.getLogger(CamelAutomationEvents.class.getName());

  private final InboxWiring wiring;

  CamelAutomationEvents(InboxWiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public void enrolled(Enrolled event) {
    IntegratorEvents integrators = wiring.integrators();
    if (integrators == null) {
      LOG.fine(() -> "Camel not started yet; enrolment of " + event.contactId() + " not published");
      return;
    }
    integrators.publish(IntegratorEvents.AUTOMATION_ENROLLED, wiring.json().toJson(event));
  }
}
