package dev.smsinbox.domain;

import java.util.Set;

/**
 * An outbound message waiting in the outbox, with what is needed to submit it.
 *
 * @param sentParts the part numbers the SMSC already accepted (never submitted twice)
 */
public record QueuedMessage(
    long id,
    long conversationId,
    String text,
    String fromNumber,
    String toNumber,
    Set<Integer> sentParts) {}
