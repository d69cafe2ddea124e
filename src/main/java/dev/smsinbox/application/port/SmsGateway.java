package dev.smsinbox.application.port;

import dev.smsinbox.sms.SmsPart;

/** The carrier link as the outbox sees it: one submit_sm per call. */
public interface SmsGateway {

  /**
   * Submits one part and waits for the SMSC's answer.
   *
   * @return the id the SMSC gave the part (delivery receipts refer to it)
   * @throws SubmitRefused when the SMSC answered with an error or the link is down (the part was
   *     not carried)
   * @throws OutcomeUnknown when the submit_sm went but no answer came in time: the SMSC may have
   *     accepted the part, so submitting it again could send it twice
   */
  String submit(SmsPart part, String from, String to) throws SubmitRefused, OutcomeUnknown;

  /** Whether the link is bound and can take submits now. */
  boolean isBound();

  /** The submit_sm went out but its submit_sm_resp did not come back in time. */
  class OutcomeUnknown extends Exception {
    public OutcomeUnknown(String reason) {
      super(reason);
    }
  }

  /** Why a submit did not go through, and whether trying again later can help. */
  class SubmitRefused extends Exception {
    private final boolean temporary;
    private final Integer commandStatus;

    public SubmitRefused(String reason, boolean temporary, Integer commandStatus) {
      super(reason);
      this.temporary = temporary;
      this.commandStatus = commandStatus;
    }

    public boolean temporary() {
      return temporary;
    }

    public Integer commandStatus() {
      return commandStatus;
    }
  }
}
