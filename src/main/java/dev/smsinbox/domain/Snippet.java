package dev.smsinbox.domain;

import java.time.Instant;

/** A saved reply of an account: a name to find it by and a text that may hold merge fields. */
public record Snippet(long id, String name, String text, Instant updatedAt) {}
