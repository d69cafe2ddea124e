package dev.smsinbox.application.contacts;

import java.time.Instant;

/**
 * Tells the outside that an admin added a contact to an automation. Called inside the enrolment's
 * transaction, so the event is recorded exactly when the enrolment is; integrators hear of it once
 * it is committed, on {@code direct:automation.enrolled} (see camel-routes/README.md).
 */
public interface AutomationEvents {

  record Enrolled(
      long contactId,
      long automationId,
      String automationName,
      Instant enrolledAt,
      String enrolledBy) {}

  void enrolled(String accountId, Enrolled event);
}
