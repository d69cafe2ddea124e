package dev.smsinbox.application.port;

import dev.smsinbox.domain.MessageStatus;

/**
 * What operations want counted (E8): what came in, what went out, what failed. Each count is a
 * no-op unless an implementation wants it.
 */
public interface InboxTelemetry {

  /** An inbound SMS filed in its conversation. */
  default void received() {}

  /** An inbound SMS to a number that is not ours or not two-way: acknowledged, not filed. */
  default void notForInbox() {}

  /** A redelivered inbound SMS recognised and stored once. */
  default void duplicate() {}

  default void partSubmitted() {}

  default void submitRefused(boolean temporary) {}

  default void receipt(MessageStatus status) {}

  InboxTelemetry NONE = new InboxTelemetry() {};
}
