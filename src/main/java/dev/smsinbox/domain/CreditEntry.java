package dev.smsinbox.domain;

import java.time.Instant;

/** One change of the credit balance: a top-up, a send's debit or a refund. */
public record CreditEntry(
    long id, long delta, long balanceAfter, String reason, Long messageId, Instant at) {}
