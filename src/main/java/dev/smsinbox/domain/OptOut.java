package dev.smsinbox.domain;

import java.time.Instant;

/**
 * A phone number that texted a stop word: nothing may be sent to it until it texts START. Kept by
 * number, not by contact, so it outlives a deleted or re-created contact.
 *
 * @param keyword the word they sent, as the inbox recognised it (e.g. {@code STOP})
 */
public record OptOut(String phone, String keyword, Instant at) {}
