package dev.smsinbox.runtime.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The built-in SMSC simulator of this server, when it runs (smpp.simulator.enabled): started by the
 * start-up before the link binds to it, stopped after the link, and offered to its REST resource.
 */
@ApplicationScoped
public class BuiltInSmsc {

  private static final Logger LOG = Logger.getLogger(BuiltInSmsc.class.getName());

  private volatile SmscSimulator running;

  public synchronized void start(int port) {
    running = new SmscSimulator(port).start();
    LOG.info(() -> "Built-in SMSC simulator listening on port " + port);
  }

  /** Empty when the simulator is not enabled. */
  Optional<SmscSimulator> get() {
    return Optional.ofNullable(running);
  }

  public synchronized void close() {
    SmscSimulator simulator = running;
    running = null;
    if (simulator != null) {
      simulator.close();
    }
  }
}
