package dev.smsinbox.domain;

import java.time.Instant;

/**
 * A customer's SMS about to be stored in its conversation.
 *
 * @param accountId the account of the conversation (and of our number)
 * @param senderNumberId our number the customer texted
 * @param inReplyTo the campaign or automated SMS it answers, else null
 * @param fingerprint what a redelivery of the same SMS has in common with it
 * @param unreadable the octets of a text the inbox could not read, else null
 */
public record NewInboundMessage(
    String accountId,
    long senderNumberId,
    long conversationId,
    String text,
    int segments,
    String encoding,
    InReplyTo inReplyTo,
    boolean incomplete,
    Instant at,
    String fingerprint,
    UnreadableText unreadable) {}
