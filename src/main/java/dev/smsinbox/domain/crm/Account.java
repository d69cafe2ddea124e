package dev.smsinbox.domain.crm;

/** The company (CRM account) a contact belongs to. */
public record Account(long id, String name) {}
