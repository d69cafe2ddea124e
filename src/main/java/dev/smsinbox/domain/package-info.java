/**
 * The inbox's own vocabulary: contacts, sender numbers, conversations and messages. Plain Java:
 * nothing here imports Camel, JAX-RS, CDI or JDBC, so the rules stay readable and testable alone
 * (enforced by an ArchUnit test).
 */
package dev.smsinbox.domain;
