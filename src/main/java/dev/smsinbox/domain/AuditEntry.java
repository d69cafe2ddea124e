package dev.smsinbox.domain;

import java.time.Instant;

/**
 * One change made by a person or the CRM, as the audit lists it: who, when, what ({@code action},
 * e.g. {@code reply.sent}, {@code contact.deleted}) and on which contact or conversation. {@code
 * detail} says it in words and never holds a message's text.
 */
public record AuditEntry(
    long id,
    Instant at,
    Actor actor,
    String action,
    Long contactId,
    Long conversationId,
    String detail) {}
