package dev.smsinbox.it;

import static org.awaitility.Awaitility.await;

import dev.smsinbox.runtime.simulator.SmscSimulator;
import java.time.Duration;

/**
 * The carrier's SMSC for the black-box tests: a jSMPP server in this JVM, on the port the inbox
 * under test binds to. The inbox starts before it, so every run also proves that an SMSC that is
 * down at start-up does not stop the app: the link binds once the SMSC is up. Test classes meet it
 * through {@link InboxExtension}.
 */
public final class Carrier {

  private static SmscSimulator smsc;

  private Carrier() {}

  /** The carrier goes dark: its SMSC stops listening until {@link #smsc()} starts a new one. */
  public static synchronized void outage() {
    if (smsc != null) {
      smsc.close();
      smsc = null;
    }
  }

  /** The SMSC, started if it is not running, once the inbox has bound to it. */
  public static SmscSimulator smsc() {
    SmscSimulator running = start();
    await("the inbox binds to the SMSC")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(running::isBound);
    return running;
  }

  /** The SMSC that runs now, bound or not: what a test that takes the link down talks to. */
  public static synchronized SmscSimulator running() {
    if (smsc == null) {
      throw new IllegalStateException("The carrier's SMSC is down: Carrier.smsc() starts it");
    }
    return smsc;
  }

  private static synchronized SmscSimulator start() {
    if (smsc == null) {
      SmscSimulator started = new SmscSimulator(Integer.getInteger("it.smpp.port", 2775)).start();
      smsc = started;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return smsc;
  }
}
