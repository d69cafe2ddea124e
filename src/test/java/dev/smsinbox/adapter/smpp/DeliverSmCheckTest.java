package dev.smsinbox.adapter.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;

class DeliverSmCheckTest {

  @Test
  void aWellFormedDeliverSmPasses() {
    assertThat(DeliverSmCheck.problem(pdu(10, "Ten octets", new byte[0]))).isNull();
  }

  @Test
  void aWellFormedDeliverSmWithTlvsPasses() {
    byte[] tlv = {0x02, 0x0C, 0x00, 0x02, 0x00, 0x2A}; // sar_msg_ref_num 42
    assertThat(DeliverSmCheck.problem(pdu(10, "Ten octets", tlv))).isNull();
  }

  @Test
  void anSmLengthBeyondThePduIsAnInvalidMessageLength() {
    var problem = DeliverSmCheck.problem(pdu(100, "Ten octets", new byte[0]));
    assertThat(problem.commandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RINVMSGLEN);
    assertThat(problem.reason()).isEqualTo("sm_length 100 but 10 octets follow");
  }

  @Test
  void anSmLengthShortOfTheTextLeavesOctetsThatAreNoTlv() {
    var problem = DeliverSmCheck.problem(pdu(3, "Ten octets", new byte[0]));
    assertThat(problem.commandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RINVMSGLEN);
    assertThat(problem.reason()).startsWith("sm_length 3 leaves octets that are no TLV");
  }

  @Test
  void anSmLengthOver127IsReadUnsigned() {
    String text = "x".repeat(200);
    assertThat(DeliverSmCheck.problem(pdu(200, text, new byte[0]))).isNull();
  }

  @Test
  void aPduThatEndsInsideTheAddressesIsAnInvalidCommandLength() {
    byte[] whole = pdu(10, "Ten octets", new byte[0]);
    byte[] cut = new byte[20];
    System.arraycopy(whole, 0, cut, 0, cut.length);
    cut[17] = '4'; // source_addr begins, never ends
    var problem = DeliverSmCheck.problem(cut);
    assertThat(problem.commandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RINVCMDLEN);
  }

  private static byte[] pdu(int smLength, String text, byte[] tlvs) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0, 1, 1});
    body.writeBytes("14155550123\0".getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(new byte[] {1, 1});
    body.writeBytes("14155550999\0".getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0});
    body.write(smLength);
    body.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(tlvs);
    byte[] b = body.toByteArray();
    return ByteBuffer.allocate(16 + b.length)
        .putInt(16 + b.length)
        .putInt(SMPPConstant.CID_DELIVER_SM)
        .putInt(0)
        .putInt(7)
        .put(b)
        .array();
  }
}
