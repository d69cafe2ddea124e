package dev.smsinbox.domain;

import java.time.Instant;
import java.util.Set;

/**
 * An outbound message waiting in the outbox, with what is needed to submit it.
 *
 * @param sentParts the part numbers the SMSC already accepted (never submitted twice)
 * @param queuedAt when it entered the outbox (it expires once it has waited too long)
 * @param attempts how many times the carrier refused it for now (its own back-off grows with it)
 */
public record QueuedMessage(
    long id,
    long conversationId,
    String text,
    String fromNumber,
    String toNumber,
    Set<Integer> sentParts,
    Instant queuedAt,
    int attempts) {}
