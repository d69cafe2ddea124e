package dev.smsinbox.domain.crm;

/** A CRM automation a contact can be added to. */
public record Automation(long id, String name) {}
