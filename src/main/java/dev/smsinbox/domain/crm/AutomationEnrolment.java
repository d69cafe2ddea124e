package dev.smsinbox.domain.crm;

import java.time.Instant;

/** A contact's place in an automation: who added them, when. */
public record AutomationEnrolment(Automation automation, Instant enrolledAt, String enrolledBy) {}
