package dev.smsinbox.application.outbound;

/** What holds the outbox's submits to the carrier's agreed rate (SMPP_SUBMIT_TPS). */
public interface SubmitRate {

  /** Blocks until the next part may go. */
  void awaitSlot();
}
