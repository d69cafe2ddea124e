package dev.smsinbox.application;

import java.time.Instant;

/**
 * Tells the outside that an admin added a contact to an automation, after the enrolment is
 * committed (integrators listen on {@code direct:automation.enrolled}, see camel-routes/README.md).
 */
public interface AutomationEvents {

  record Enrolled(
      long contactId,
      long automationId,
      String automationName,
      Instant enrolledAt,
      String enrolledBy) {}

  void enrolled(Enrolled event);
}
