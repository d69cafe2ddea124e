package dev.smsinbox.runtime.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The behaviour switches tests flip while sessions are running; volatile because PDU threads read
 * them while a test thread writes them.
 */
final class SimulatorSettings {

  /** Receipt stat values (SMPP 3.4 appendix B) and their message_state TLV values (§5.3.2.35). */
  static final Map<String, Integer> MESSAGE_STATES =
      Map.of(
          "ENROUTE", 1,
          "DELIVRD", 2,
          "EXPIRED", 3,
          "DELETED", 4,
          "UNDELIV", 5,
          "ACCEPTD", 6,
          "UNKNOWN", 7,
          "REJECTD", 8);

  private volatile Duration receiptDelay = Duration.ofMillis(300);
  private volatile boolean receiptsEnabled = true;
  private volatile String receiptState = "DELIVRD";
  private volatile Integer rejectSubmitsWith;
  private volatile boolean receiptBeforeAnswer;

  /** Per destination (digits only): refuse its submits with this status. */
  private final Map<String, Integer> rejectSubmitsTo = new ConcurrentHashMap<>();

  /** Per destination (digits only): take its submits, but answer only after this delay. */
  private final Map<String, Duration> answerDelayTo = new ConcurrentHashMap<>();

  Duration receiptDelay() {
    return receiptDelay;
  }

  void receiptDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("receipt delay must not be negative, was " + delay);
    }
    receiptDelay = delay;
  }

  boolean receiptBeforeAnswer() {
    return receiptBeforeAnswer;
  }

  void receiptBeforeAnswer(boolean on) {
    receiptBeforeAnswer = on;
  }

  boolean receiptsEnabled() {
    return receiptsEnabled;
  }

  void receiptsEnabled(boolean on) {
    receiptsEnabled = on;
  }

  String receiptState() {
    return receiptState;
  }

  void receiptState(String stat) {
    if (!MESSAGE_STATES.containsKey(stat)) {
      throw new IllegalArgumentException(
          "receipt stat must be one of " + MESSAGE_STATES.keySet() + ", was " + stat);
    }
    receiptState = stat;
  }

  Integer rejectSubmitsWith() {
    return rejectSubmitsWith;
  }

  Integer rejectSubmitsTo(String destination) {
    return rejectSubmitsTo.get(digits(destination));
  }

  void rejectSubmitsTo(String destination, Integer commandStatus) {
    if (commandStatus == null) {
      rejectSubmitsTo.remove(digits(destination));
    } else if (commandStatus == 0) {
      throw new IllegalArgumentException("0 is ESME_ROK; pass null to accept submits");
    } else {
      rejectSubmitsTo.put(digits(destination), commandStatus);
    }
  }

  Duration answerDelayTo(String destination) {
    return answerDelayTo.getOrDefault(digits(destination), Duration.ZERO);
  }

  void answerDelayTo(String destination, Duration delay) {
    if (delay == null || delay.isZero()) {
      answerDelayTo.remove(digits(destination));
    } else {
      answerDelayTo.put(digits(destination), delay);
    }
  }

  /** The same number whether written +14155550123 or 14155550123. */
  private static String digits(String number) {
    return number == null ? "" : number.replaceAll("[^0-9]", "");
  }

  void rejectSubmitsWith(Integer commandStatus) {
    if (commandStatus != null && commandStatus == 0) {
      throw new IllegalArgumentException("0 is ESME_ROK; pass null to accept submits");
    }
    rejectSubmitsWith = commandStatus;
  }
}
