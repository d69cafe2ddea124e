package dev.smsinbox.domain;

import java.time.Instant;
import java.util.Set;

/**
 * An outbound message waiting in the outbox, with what is needed to submit it.
 *
 * @param sentParts the part numbers the SMSC already accepted (never submitted twice)
 * @param queuedAt when it entered the outbox (it expires once it has waited too long)
 * @param attempts how many times the carrier refused it for now (its own back-off grows with it)
 * @param inDoubtParts parts submitted whose answer never came (a time-out, a restart): the SMSC may
 *     have them, so they are never submitted again by the outbox
 */
public record QueuedMessage(
    long id,
    long conversationId,
    String accountId,
    String text,
    String fromNumber,
    String toNumber,
    Set<Integer> sentParts,
    Instant queuedAt,
    int attempts,
    Set<Integer> inDoubtParts) {}
