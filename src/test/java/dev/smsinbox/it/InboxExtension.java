package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.runtime.simulator.SmscSimulator;
import java.util.Map;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The inbox under test as a black-box test class that texts it meets it: the carrier's SMSC with
 * the link bound, a sender number of the class's own, credit to reply with, and clients signed in
 * as the demo users. One per class:
 *
 * <pre>{@code @RegisterExtension static final InboxExtension inbox = new InboxExtension();}</pre>
 *
 * <p>What it guarantees, before the class's {@code @BeforeAll} methods run:
 *
 * <ul>
 *   <li>the carrier's SMSC runs and the inbox is bound to it; and again before each test, so a test
 *       that took the link down or stopped the SMSC leaves the next one a bound link;
 *   <li>the inbox has credit enough for every reply of the run (given once, to the first class);
 *   <li>{@link #ourNumber()} is registered through the API as a dedicated, registered US number,
 *       and the inbox took it as two-way; no other class uses it.
 * </ul>
 */
public final class InboxExtension implements BeforeAllCallback, BeforeEachCallback {

  private static final ExtensionContext.Namespace RUN =
      ExtensionContext.Namespace.create(InboxExtension.class);
  private static final String TOPPED_UP = "credits topped up";

  private final InboxClient admin = InboxClient.admin();
  private final InboxClient crm = InboxClient.crm();
  private final InboxClient agent = InboxClient.agent();
  private String ourNumber;

  @Override
  public void beforeAll(ExtensionContext context) {
    // The bind comes first: it also waits out an inbox that is still starting (or restarting).
    Carrier.smsc();
    ExtensionContext.Store run = context.getRoot().getStore(RUN);
    if (run.get(TOPPED_UP) == null) {
      // The link binds before the application has finished starting: on a busy machine its first
      // requests would wait longer than a request's timeout. Ready means it answers.
      org.awaitility.Awaitility.await("the inbox is ready")
          .atMost(java.time.Duration.ofMinutes(5))
          .pollInterval(java.time.Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> InboxClient.anonymous().get("/health/ready").status() == 200);
      topUp();
      run.put(TOPPED_UP, true); // only once it worked: a failed top-up is tried again
    }
    ourNumber = registerTwoWayNumber();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Carrier.smsc();
  }

  /**
   * The carrier's SMSC that runs now: the inbox was bound to it when the test began, and the test
   * may take the link down.
   */
  public SmscSimulator smsc() {
    return Carrier.running();
  }

  /** This class's two-way sender number, in E.164. */
  public String ourNumber() {
    if (ourNumber == null) {
      throw new IllegalStateException("InboxExtension is not registered: no number of ours yet");
    }
    return ourNumber;
  }

  /**
   * The carrier delivers a customer's text to {@link #ourNumber()}, as {@link
   * SmscSimulator#deliver} does.
   *
   * @return 0 when the inbox accepted every part, else the first error status it answered
   */
  public int deliver(String customer, String text) {
    return smsc().deliver(customer, ourNumber(), text);
  }

  /**
   * The carrier sends one deliver_sm to {@link #ourNumber()} exactly as given, as {@link
   * SmscSimulator#deliverRaw} does.
   *
   * @param from the source address as the carrier writes it
   * @return the status the inbox answered
   */
  public int deliverRaw(
      String from, byte dataCoding, byte esmClass, byte[] shortMessage, OptionalParameter... tlvs) {
    return smsc()
        .deliverRaw(from, ourNumber().substring(1), dataCoding, esmClass, shortMessage, tlvs);
  }

  /** The conversation a customer's first text to {@link #ourNumber()} starts, once it is listed. */
  public long conversationWith(String customer) {
    assertThat(deliver(customer, "Hello")).isZero();
    return SmsPathIT.awaitRow(customer).get("id").asLong();
  }

  /** Signed in as the administrator, who works the inbox. */
  public InboxClient admin() {
    return admin;
  }

  /** Signed in as the host CRM's service user. */
  public InboxClient crm() {
    return crm;
  }

  /** Signed in as an agent, who may not work the inbox. */
  public InboxClient agent() {
    return agent;
  }

  private String registerTwoWayNumber() {
    String number = FreshNumbers.us();
    var saved =
        admin.post(
            "/api/numbers",
            Map.of("number", number, "country", "US", "dedicated", true, "registered", true));
    assertThat(saved.status()).as("registering %s: %s", number, saved.body()).isEqualTo(201);
    assertThat(saved.json().get("twoWay").asBoolean()).as("two-way: %s", saved.body()).isTrue();
    return number;
  }

  private void topUp() {
    // Replies cost credits: give the inbox under test plenty.
    var topUp = crm.post("/api/credits/top-ups", Map.of("amount", 1_000_000, "reason", "IT"));
    assertThat(topUp.status()).as("topping up credits: %s", topUp.body()).isEqualTo(201);
  }
}
