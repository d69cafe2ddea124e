package dev.smsinbox.domain;

import java.time.Instant;

/** The latest message of a conversation, as the conversation list previews it. */
public record LastMessage(String text, Direction direction, Instant at) {}
