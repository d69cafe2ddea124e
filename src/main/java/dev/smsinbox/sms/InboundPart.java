package dev.smsinbox.sms;

import java.util.Objects;

/**
 * The text of one deliver_sm and, when it is part of a concatenated message, where it belongs.
 *
 * @param text the decoded text, without any UDH; for an unreadable part, its {@link
 *     Unreadable#describe() description}
 * @param concatenation where the part belongs; null when the deliver_sm is a whole message
 * @param unreadable the octets when they are not text the inbox can read, else null
 */
public record InboundPart(String text, Concatenation concatenation, Unreadable unreadable) {

  public InboundPart {
    Objects.requireNonNull(text, "text");
  }

  /** A part whose text was read. */
  public InboundPart(String text, Concatenation concatenation) {
    this(text, concatenation, null);
  }

  /** Whether this part must wait for its siblings before it becomes a message. */
  public boolean isConcatenated() {
    return concatenation != null;
  }

  /** Whether the part carries nothing at all: no text, or no octets when unreadable. */
  public boolean isEmpty() {
    return unreadable == null ? text.isEmpty() : unreadable.length() == 0;
  }
}
