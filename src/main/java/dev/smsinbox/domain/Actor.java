package dev.smsinbox.domain;

/**
 * Who did something: a person of the host CRM (the token's {@code sub} and {@code name}), the CRM
 * itself, or a demo user. Replies carry theirs as {@code sentBy}; the audit lists every actor.
 */
public record Actor(String id, String name) {}
