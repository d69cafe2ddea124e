package dev.smsinbox.domain;

/** A CRM contact as the inbox shows it. {@code phone} is always E.164. */
public record Contact(long id, String firstName, String lastName, String phone, String email) {}
