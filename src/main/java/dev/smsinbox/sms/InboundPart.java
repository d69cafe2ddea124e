package dev.smsinbox.sms;

import java.util.Objects;

/**
 * The text of one deliver_sm and, when it is part of a concatenated message, where it belongs.
 *
 * @param text the decoded text, without any UDH
 * @param concatenation where the part belongs; null when the deliver_sm is a whole message
 */
public record InboundPart(String text, Concatenation concatenation) {

  public InboundPart {
    Objects.requireNonNull(text, "text");
  }

  /** Whether this part must wait for its siblings before it becomes a message. */
  public boolean isConcatenated() {
    return concatenation != null;
  }
}
