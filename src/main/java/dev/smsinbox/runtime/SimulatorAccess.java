package dev.smsinbox.runtime;

import dev.smsinbox.runtime.simulator.SmscSimulator;
import java.util.Optional;

/** The running built-in simulator, if the demo run started one. */
final class SimulatorAccess {

  private static volatile SmscSimulator running;

  private SimulatorAccess() {}

  static void set(SmscSimulator simulator) {
    running = simulator;
  }

  static Optional<SmscSimulator> get() {
    return Optional.ofNullable(running);
  }
}
