package dev.smsinbox.it;

import static org.awaitility.Awaitility.await;

import dev.smsinbox.runtime.simulator.SmscSimulator;
import java.time.Duration;

/**
 * The carrier's SMSC for the black-box tests: a jSMPP server in this JVM, on the port the inbox
 * under test binds to. The inbox starts before it, so every run also proves that an SMSC that is
 * down at start-up does not stop the app: the link binds once the SMSC is up.
 */
public final class Carrier {

  private static SmscSimulator smsc;
  private static boolean toppedUp;

  private Carrier() {}

  /** The carrier goes dark: its SMSC stops listening until {@link #smsc()} starts a new one. */
  public static synchronized void outage() {
    if (smsc != null) {
      smsc.close();
      smsc = null;
    }
  }

  public static synchronized SmscSimulator smsc() {
    if (smsc == null) {
      SmscSimulator started = new SmscSimulator(Integer.getInteger("it.smpp.port", 2775)).start();
      smsc = started;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    if (!toppedUp) {
      toppedUp = true;
      // Replies cost credits: give the inbox under test plenty.
      var topUp =
          InboxClient.admin()
              .post("/api/credits/top-ups", java.util.Map.of("amount", 1_000_000, "reason", "IT"));
      if (topUp.status() != 201) {
        throw new AssertionError("Could not top up credits: " + topUp.body());
      }
    }
    await("the inbox binds to the SMSC")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(smsc::isBound);
    return smsc;
  }

  /**
   * The conversation a customer's first text to our number starts (delivered through the SMSC that
   * runs now: another class may have restarted it).
   */
  public static long conversationWith(String customer, String ourNumber) {
    org.assertj.core.api.Assertions.assertThat(smsc().deliver(customer, ourNumber, "Hello"))
        .isZero();
    return SmsPathIT.awaitRow(customer).get("id").asLong();
  }

  /** Registers a fresh dedicated, registered US number as ours: a two-way inbox number. */
  public static String freshTwoWayNumber() {
    String number = FreshNumbers.us();
    var saved =
        InboxClient.admin()
            .post(
                "/api/numbers",
                java.util.Map.of(
                    "number", number, "country", "US", "dedicated", true, "registered", true));
    if (saved.status() != 201 || !saved.json().get("twoWay").asBoolean()) {
      throw new AssertionError("Could not register " + number + " as two-way: " + saved.body());
    }
    return number;
  }
}
