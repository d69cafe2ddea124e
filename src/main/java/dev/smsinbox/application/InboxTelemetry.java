package dev.smsinbox.application;

import dev.smsinbox.domain.MessageStatus;

/** What operations want counted (E8): what came in, what went out, what failed. */
public interface InboxTelemetry {

  void received();

  /** An inbound SMS to a number that is not ours or not two-way: acknowledged, not filed. */
  void notForInbox();

  /** A redelivered inbound SMS recognised and stored once. */
  void duplicate();

  void partSubmitted();

  void submitRefused(boolean temporary);

  void receipt(MessageStatus status);

  InboxTelemetry NONE =
      new InboxTelemetry() {
        @Override
        public void received() {}

        @Override
        public void notForInbox() {}

        @Override
        public void duplicate() {}

        @Override
        public void partSubmitted() {}

        @Override
        public void submitRefused(boolean temporary) {}

        @Override
        public void receipt(MessageStatus status) {}
      };
}
