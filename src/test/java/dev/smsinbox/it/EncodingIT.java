package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Byte-exact deliver_sm from the carrier arrive as the customer typed them: every data coding,
 * message_payload, concatenation by 16-bit UDH and by SAR TLVs, in any order, with duplicates.
 */
class EncodingIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  @Test
  void gsmDefaultAlphabetWithItsExtensionTable() {
    // @ £ $ ¥ are 00 01 02 03 in GSM 03.38; € is the escape 1B then 65.
    byte[] gsm = {0x00, 0x01, 0x02, 0x03, 0x20, 0x1B, 0x65, 0x20, 0x7D};
    assertThat(text(raw((byte) 0, (byte) 0, gsm))).isEqualTo("@£$¥ € ñ");
  }

  @Test
  void ucs2WithSurrogatePairs() {
    String typed = "Привет, مرحبا 😀";
    assertThat(text(raw((byte) 8, (byte) 0, typed.getBytes(StandardCharsets.UTF_16BE))))
        .isEqualTo(typed);
  }

  @Test
  void latin1AndIa5() {
    assertThat(text(raw((byte) 3, (byte) 0, "ñandú".getBytes(StandardCharsets.ISO_8859_1))))
        .isEqualTo("ñandú");
    assertThat(text(raw((byte) 1, (byte) 0, "plain ascii".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("plain ascii");
  }

  @Test
  void textInMessagePayload() {
    String typed = "Long text carried in the message_payload TLV 😀";
    String customer = FreshNumbers.us();
    int status =
        inbox.deliverRaw(
            customer.substring(1),
            (byte) 8,
            (byte) 0,
            new byte[0],
            new OptionalParameter.OctetString(
                (short) 0x0424, typed.getBytes(StandardCharsets.UTF_16BE)));
    assertThat(status).isZero();
    assertThat(lastText(customer)).isEqualTo(typed);
  }

  @Test
  void partsWithA16BitReferenceOutOfOrderAndRepeated() {
    String customer = FreshNumbers.us();
    byte[] one = udh16(0x12, 0x34, 2, 1, "First half, ");
    byte[] two = udh16(0x12, 0x34, 2, 2, "second half.");
    assertThat(deliver(customer, (byte) 0x40, two)).isZero();
    assertThat(deliver(customer, (byte) 0x40, two)).isZero(); // the SMSC repeats itself
    assertThat(deliver(customer, (byte) 0x40, one)).isZero();
    assertThat(lastText(customer)).isEqualTo("First half, second half.");
    assertThat(messages(customer)).hasSize(1);
  }

  @Test
  void partsWithSarTlvs() {
    String customer = FreshNumbers.us();
    for (int seq : new int[] {3, 1, 2}) {
      int status =
          inbox.deliverRaw(
              customer.substring(1),
              (byte) 3,
              (byte) 0,
              ("[" + seq + "]").getBytes(StandardCharsets.ISO_8859_1),
              new OptionalParameter.Short((short) 0x020C, (short) 777),
              new OptionalParameter.Byte((short) 0x020E, (byte) 3),
              new OptionalParameter.Byte((short) 0x020F, (byte) seq));
      assertThat(status).isZero();
    }
    assertThat(lastText(customer)).isEqualTo("[1][2][3]");
  }

  @Test
  void aReceiptWithoutAnIdIsRefusedNotSilentlyAcknowledged() {
    int status =
        inbox.deliverRaw(
            FreshNumbers.us().substring(1),
            (byte) 0,
            (byte) 0x04,
            "stat:DELIVRD".getBytes(StandardCharsets.US_ASCII));
    assertThat(status).isEqualTo(0x65);
  }

  private static String raw(byte dataCoding, byte esmClass, byte[] shortMessage) {
    String customer = FreshNumbers.us();
    assertThat(deliver(customer, dataCoding, esmClass, shortMessage)).isZero();
    return customer;
  }

  private static int deliver(String customer, byte esmClass, byte[] shortMessage) {
    return deliver(customer, (byte) 0, esmClass, shortMessage);
  }

  private static int deliver(String customer, byte dataCoding, byte esmClass, byte[] bytes) {
    return inbox.deliverRaw(customer.substring(1), dataCoding, esmClass, bytes);
  }

  private static byte[] udh16(int refHi, int refLo, int total, int seq, String gsmText) {
    byte[] text = gsmText.getBytes(StandardCharsets.US_ASCII); // GSM and ASCII agree on these
    byte[] pdu = new byte[7 + text.length];
    byte[] header = {0x06, 0x08, 0x04, (byte) refHi, (byte) refLo, (byte) total, (byte) seq};
    System.arraycopy(header, 0, pdu, 0, 7);
    System.arraycopy(text, 0, pdu, 7, text.length);
    return pdu;
  }

  private static String text(String customer) {
    return lastText(customer);
  }

  private static String lastText(String customer) {
    JsonNode messages = messages(customer);
    return messages.get(messages.size() - 1).get("text").asText();
  }

  private static JsonNode messages(String customer) {
    long id = SmsPathIT.awaitRow(customer).get("id").asLong();
    return inbox.admin().get("/api/inbox/conversations/" + id).json().get("messages");
  }
}
