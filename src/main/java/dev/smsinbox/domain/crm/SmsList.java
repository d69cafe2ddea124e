package dev.smsinbox.domain.crm;

/** An SMS opt-in list: the people who agreed to receive a kind of text. */
public record SmsList(long id, String name) {}
