package dev.smsinbox.runtime;

import java.time.Duration;

/**
 * The inbox's settings as the tests that build an {@link InboxCore} on a database take them: the
 * product's defaults, one credit a part, and the two durations tests move.
 */
public final class TestSettings {

  private TestSettings() {}

  public static InboxCore.Settings inbox() {
    return inbox(Duration.ofMinutes(10), Duration.ofDays(1));
  }

  /**
   * @param reassemblyTimeout how long parts of a concatenated SMS wait for the others
   * @param queuedMaxAge how long a reply may wait in the outbox before it expires
   */
  public static InboxCore.Settings inbox(Duration reassemblyTimeout, Duration queuedMaxAge) {
    return new InboxCore.Settings(
        Duration.ofDays(30),
        Duration.ofMinutes(2),
        reassemblyTimeout,
        10,
        country -> 1,
        Duration.ofDays(7),
        Duration.ofDays(1),
        queuedMaxAge);
  }
}
