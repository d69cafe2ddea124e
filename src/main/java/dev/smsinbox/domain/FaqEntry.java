package dev.smsinbox.domain;

/** A frequent question and the answer the company gives to it, word for word. */
public record FaqEntry(String question, String answer) {}
