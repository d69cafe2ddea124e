package dev.smsinbox.runtime.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smsinbox.runtime.simulator.SmscSimulator.Submission;
import dev.smsinbox.sms.DefaultAlphabet;
import dev.smsinbox.sms.InboundDecoder;
import dev.smsinbox.sms.InboundPart;
import dev.smsinbox.sms.SmsComposer;
import dev.smsinbox.sms.SmsPart;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmscSimulatorTest {

  private static final String CUSTOMER = "+14155550101";
  private static final String INBOX = "+14155550100";
  private static final String LONG_TEXT =
      "This is a long customer message that will not fit into a single SMS. ".repeat(3).strip();

  private SmscSimulator simulator;
  private EsmeClient client;

  @BeforeEach
  void start() throws Exception {
    simulator = new SmscSimulator(0).start();
    simulator.setReceiptDelay(Duration.ofMillis(20));
    client = new EsmeClient(simulator.port(), BindType.BIND_TRX);
    await().atMost(Duration.ofSeconds(5)).until(simulator::isBound);
  }

  @AfterEach
  void stop() {
    client.close();
    simulator.close();
  }

  private static InboundPart decode(DeliverSm d) {
    return InboundDecoder.decode(
        d.getDataCoding(),
        d.getEsmClass(),
        d.getShortMessage(),
        null,
        null,
        null,
        null,
        DefaultAlphabet.GSM7);
  }

  @Test
  void deliversACustomerTextWithTheCodecsBytes() {
    assertEquals(0, simulator.deliver(CUSTOMER, INBOX, "Hello €"));

    await().until(() -> client.texts().size() == 1);
    DeliverSm d = client.texts().get(0);
    assertEquals("14155550101", d.getSourceAddr());
    assertEquals(TypeOfNumber.INTERNATIONAL.value(), d.getSourceAddrTon());
    assertEquals("14155550100", d.getDestAddress());
    assertEquals(0, d.getDataCoding());
    assertEquals(0, d.getEsmClass());
    assertArrayEquals(
        SmsComposer.split("Hello €", 0, false).get(0).shortMessage(), d.getShortMessage());
    assertEquals("Hello €", decode(d).text());
    assertNull(decode(d).concatenation());
  }

  @Test
  void deliversALongTextAsTwoPartsWithOneUdhReference() {
    String text = "a".repeat(200);
    assertEquals(0, simulator.deliver(CUSTOMER, INBOX, text));

    await().until(() -> client.texts().size() == 2);
    List<InboundPart> parts = client.texts().stream().map(SmscSimulatorTest::decode).toList();
    client.texts().forEach(d -> assertEquals(0x40, d.getEsmClass()));
    assertEquals(
        parts.get(0).concatenation().reference(), parts.get(1).concatenation().reference());
    assertEquals(2, parts.get(0).concatenation().total());
    assertEquals(text, InboundDecoder.join(parts));
  }

  @Test
  void rotatesTheConcatenationReference() {
    simulator.deliver(CUSTOMER, INBOX, LONG_TEXT);
    simulator.deliver(CUSTOMER, INBOX, LONG_TEXT);

    await().until(() -> client.texts().size() == 4);
    Set<Integer> refs =
        client.texts().stream()
            .map(d -> decode(d).concatenation().reference())
            .collect(Collectors.toSet());
    assertEquals(2, refs.size());
  }

  @Test
  void returnsTheEsmesErrorStatus() {
    client.answerWith(d -> 0x64);
    assertEquals(0x64, simulator.deliver(CUSTOMER, INBOX, "Hi"));
  }

  @Test
  void recordsSubmitsJoinsPartsAndSendsReceipts() throws Exception {
    SmsPart single = SmsComposer.split("Thanks, see you at 5", 0, false).get(0);
    String singleId = client.submit("14155550100", "14155550101", single, 1);
    String ucs2Text = "Grüße ✓ " + "see you soon ".repeat(7);
    List<SmsPart> parts = SmsComposer.split(ucs2Text, 42, false);
    assertEquals(2, parts.size());
    String firstId = client.submit("14155550100", "14155550101", parts.get(0), 1);
    String secondId = client.submit("14155550100", "14155550101", parts.get(1), 1);

    await().until(() -> simulator.submissions().size() == 2);
    Submission longOne = simulator.submissions().get(0);
    assertEquals(List.of(firstId, secondId), longOne.messageIds());
    assertEquals(ucs2Text, longOne.text());
    assertEquals(2, longOne.parts());
    assertEquals("14155550100", longOne.from());
    assertEquals("14155550101", longOne.to());
    assertArrayEquals(parts.get(1).shortMessage(), longOne.pdus().get(1).shortMessage());
    assertEquals(0x08, longOne.pdus().get(0).dataCoding());
    assertEquals(0x40, longOne.pdus().get(0).esmClass());
    Submission shortOne = simulator.submissions().get(1);
    assertEquals(List.of(singleId), shortOne.messageIds());
    assertEquals("Thanks, see you at 5", shortOne.text());
    assertNotEquals(singleId, firstId);

    await().until(() -> client.receipts().size() == 3);
    for (String id : List.of(singleId, firstId, secondId)) {
      DeliverSm receipt =
          client.receipts().stream()
              .filter(r -> new String(r.getShortMessage()).startsWith("id:" + id + " "))
              .findFirst()
              .orElseThrow();
      assertEquals(0x04, receipt.getEsmClass());
      assertEquals("14155550101", receipt.getSourceAddr());
      assertEquals("14155550100", receipt.getDestAddress());
      assertEquals(0, receipt.getDataCoding());
      assertTrue(new String(receipt.getShortMessage()).contains(" stat:DELIVRD err:000 text:"));
      OptionalParameter.COctetString receipted =
          (OptionalParameter.COctetString)
              receipt.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
      assertEquals(
          Long.toHexString(Long.parseLong(id)).toUpperCase(), receipted.getValueAsString());
      OptionalParameter.Byte state =
          (OptionalParameter.Byte)
              receipt.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE);
      assertEquals(2, state.getValue());
    }
    await()
        .until(() -> simulator.submissions().stream().allMatch(s -> "DELIVRD".equals(s.receipt())));
  }

  @Test
  void joinsPartsSubmittedInReverseOrder() throws Exception {
    List<SmsPart> parts = SmsComposer.split(LONG_TEXT, 7, false);
    String second = client.submit("100", "14155550101", parts.get(1), 0);
    String first = client.submit("100", "14155550101", parts.get(0), 0);

    await().until(() -> simulator.submissions().size() == 1);
    Submission s = simulator.submissions().get(0);
    assertEquals(LONG_TEXT, s.text());
    assertEquals(List.of(first, second), s.messageIds());
    assertNull(s.receipt());
  }

  @Test
  void sendsUndeliverableReceipts() throws Exception {
    simulator.setReceiptState("UNDELIV");
    String id = client.submit("100", "14155550101", SmsComposer.split("Hi", 0, false).get(0), 1);

    await().until(() -> client.receipts().size() == 1);
    DeliverSm receipt = client.receipts().get(0);
    String text = new String(receipt.getShortMessage());
    assertTrue(text.startsWith("id:" + id + " sub:001 dlvrd:000 submit date:"), text);
    assertTrue(text.endsWith(" stat:UNDELIV err:001 text:Hi"), text);
    OptionalParameter.Byte state =
        (OptionalParameter.Byte) receipt.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE);
    assertEquals(5, state.getValue());
    await().until(() -> "UNDELIV".equals(simulator.submissions().get(0).receipt()));
  }

  @Test
  void retriesAReceiptTheEsmeRefused() throws Exception {
    AtomicInteger receiptAttempts = new AtomicInteger();
    // Refuse the first receipt with 0x64 (temporary), as the app does when storage fails.
    client.answerWith(
        d -> d.isSmscDeliveryReceipt() && receiptAttempts.incrementAndGet() == 1 ? 0x64 : null);
    String id = client.submit("100", "14155550101", SmsComposer.split("Hi", 0, false).get(0), 1);

    await().atMost(Duration.ofSeconds(5)).until(() -> client.receipts().size() == 1);
    assertEquals(2, receiptAttempts.get());
    assertTrue(new String(client.receipts().get(0).getShortMessage()).startsWith("id:" + id));
    await().until(() -> "DELIVRD".equals(simulator.submissions().get(0).receipt()));
  }

  @Test
  void rejectsSubmitsWithTheConfiguredStatus() throws Exception {
    simulator.setRejectSubmitsWith(0x58);
    SmsPart part = SmsComposer.split("Hi", 0, false).get(0);

    NegativeResponseException e =
        assertThrows(
            NegativeResponseException.class, () -> client.submit("100", "14155550101", part, 1));
    assertEquals(0x58, e.getCommandStatus());
    assertTrue(simulator.submissions().isEmpty());

    simulator.setRejectSubmitsWith(null);
    client.submit("100", "14155550101", part, 1);
    assertEquals(1, simulator.submissions().size());
  }

  @Test
  void refusesAMalformedSubmitWithoutCrashing() throws Exception {
    // UDHI set, but the header claims 9 octets and only 3 follow.
    byte[] broken = {0x09, 0x00, 0x03, 0x01};

    NegativeResponseException e =
        assertThrows(
            NegativeResponseException.class,
            () -> client.submit("100", "14155550101", (byte) 0, (byte) 0x40, broken, 1));
    assertEquals(0x01, e.getCommandStatus());

    client.submit("100", "14155550101", SmsComposer.split("still fine", 0, false).get(0), 0);
    assertEquals("still fine", simulator.submissions().get(0).text());
  }

  @Test
  void deliverWithNobodyBoundSaysSo() {
    try (SmscSimulator lonely = new SmscSimulator(0).start()) {
      assertFalse(lonely.isBound());
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> lonely.deliver(CUSTOMER, INBOX, "Hi"));
      assertTrue(e.getMessage().startsWith("No ESME is bound to the simulator"), e.getMessage());
    }
  }

  @Test
  void aTransmitterBindDoesNotReceive() throws Exception {
    try (SmscSimulator other = new SmscSimulator(0).start();
        EsmeClient transmitter = new EsmeClient(other.port(), BindType.BIND_TX)) {
      await().until(() -> other.bindCount() == 1);
      assertFalse(other.isBound());
      assertThrows(IllegalStateException.class, () -> other.deliver(CUSTOMER, INBOX, "Hi"));

      try (EsmeClient receiver = new EsmeClient(other.port(), BindType.BIND_RX)) {
        assertTrue(other.awaitBound(Duration.ofSeconds(5)));
        assertEquals(0, other.deliver(CUSTOMER, INBOX, "Hi"));
        await().until(() -> receiver.texts().size() == 1);
        assertTrue(transmitter.received.isEmpty());
      }
    }
  }

  @Test
  void disconnectAllCutsTheLinkAndAcceptsARebind() throws Exception {
    assertEquals(1, simulator.bindCount());

    simulator.disconnectAll();

    await().atMost(Duration.ofSeconds(5)).until(() -> client.state() == SessionState.CLOSED);
    assertFalse(simulator.isBound());
    try (EsmeClient again = new EsmeClient(simulator.port(), BindType.BIND_TRX)) {
      await().until(simulator::isBound);
      assertEquals(2, simulator.bindCount());
    }
  }
}
