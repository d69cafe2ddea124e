package dev.smsinbox.domain;

/** One submitted segment of an outbound message and what the carrier said of it. */
public record OutboundPart(
    long messageId, int partNumber, String smscMessageId, MessageStatus status, String error) {}
