package dev.smsinbox.domain;

import java.time.Instant;

/**
 * A place in the conversation list: the list is ordered by last activity then id, both descending,
 * so a page continues strictly after the last row of the previous one and a conversation that moves
 * to the top meanwhile is neither skipped nor repeated further down.
 */
public record ListPosition(Instant lastActivityAt, long id) {}
