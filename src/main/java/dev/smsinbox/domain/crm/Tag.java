package dev.smsinbox.domain.crm;

/** A CRM tag; names are unique regardless of case. */
public record Tag(long id, String name) {}
