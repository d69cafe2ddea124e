package dev.smsinbox.domain;

import java.time.Instant;

/**
 * A short summary of a conversation written when it reached {@code messageCount} messages (F13).
 */
public record Summary(int messageCount, String text, Instant at) {}
