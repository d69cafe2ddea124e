package dev.smsinbox.application.port;

/**
 * The carrier account's submit slots, shared by every instance bound with that account: the
 * carrier's agreed rate (SMPP_SUBMIT_TPS) is the account's, not one bind's.
 */
public interface SubmitSchedule {

  /**
   * Takes the next free slot, atomically across instances, and moves the next slot one interval on.
   * A schedule less than {@code maxLagMicros} behind now keeps its pace (the rate holds over time);
   * one further behind (an idle account) restarts now, so it banks no burst.
   *
   * @return the slot's time in microseconds since the epoch; the caller waits until then
   */
  long take(String carrierAccount, long nowMicros, long intervalMicros, long maxLagMicros);
}
