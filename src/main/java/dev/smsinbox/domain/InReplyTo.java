package dev.smsinbox.domain;

import java.time.Instant;

/** The campaign or automated SMS a customer's reply answered, and when we sent it. */
public record InReplyTo(long id, Origin origin, Instant at) {}
