package dev.smsinbox.runtime.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smsinbox.runtime.simulator.SmscSimulator.PduRecord;
import dev.smsinbox.sms.InboundPart;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceiptWriterTest {

  private static SubmittedPart part(String id, String text) {
    return new SubmittedPart(
        id,
        SmppAddress.of("100"),
        SmppAddress.of("+14155550101"),
        new PduRecord(id, (byte) 0, (byte) 0, (byte) 1, new byte[0]),
        new InboundPart(text, null),
        Instant.parse("2025-03-04T05:06:07Z"),
        "DELIVRD",
        null,
        null);
  }

  @Test
  void writesTheAppendixBFormatWithADecimalId() {
    String text =
        ReceiptWriter.text(
            part("1000000", "Your table is booked for 8pm tonight €"),
            "DELIVRD",
            Instant.parse("2025-03-04T05:07:00Z"));

    assertEquals(
        "id:1000000 sub:001 dlvrd:001 submit date:2503040506 done date:2503040507"
            + " stat:DELIVRD err:000 text:Your table is booked",
        text);
  }

  @Test
  void keepsTheExcerptAscii() {
    String text = ReceiptWriter.text(part("1", "Grüße ✓\nok"), "DELIVRD", Instant.EPOCH);
    assertTrue(text.endsWith("text:Gr??e ??ok"), text);
  }

  @Test
  void receiptedMessageIdIsTheSameIdInHex() {
    assertEquals("F4240", ReceiptWriter.hexId("1000000"));
    assertEquals("F4241", ReceiptWriter.hexId("1000001"));
  }

  @Test
  void backsOffUpToThirtySeconds() {
    assertEquals(Duration.ofSeconds(1), ReceiptWriter.backoff(1));
    assertEquals(Duration.ofSeconds(2), ReceiptWriter.backoff(2));
    assertEquals(Duration.ofSeconds(30), ReceiptWriter.backoff(9));
  }

  @Test
  void registeredDeliveryDecidesWhetherAReceiptIsDue() {
    assertTrue(SubmitReceiver.wantsReceipt((byte) 1, "DELIVRD"));
    assertFalse(SubmitReceiver.wantsReceipt((byte) 0, "DELIVRD"));
    assertFalse(SubmitReceiver.wantsReceipt((byte) 2, "DELIVRD"));
    assertTrue(SubmitReceiver.wantsReceipt((byte) 2, "UNDELIV"));
    assertTrue(SubmitReceiver.wantsReceipt((byte) 0x11, "DELIVRD"));
  }

  @Test
  void addressesGoOutTheWayCarriersSendThem() {
    assertEquals(
        new SmppAddress((byte) 1, (byte) 1, "14155550101"), SmppAddress.of("+14155550101"));
    assertEquals(new SmppAddress((byte) 0, (byte) 1, "4155550101"), SmppAddress.of("4155550101"));
    assertEquals(new SmppAddress((byte) 5, (byte) 0, "ACME"), SmppAddress.of("ACME"));
  }
}
