package dev.smsinbox.adapter.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.smsinbox.application.outbound.DeliveryReceipt;
import dev.smsinbox.domain.MessageStatus;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ReceiptReaderTest {

  private static final MessageStatus DELIVERED = MessageStatus.DELIVERED;
  private static final MessageStatus SENT = MessageStatus.SENT;
  private static final MessageStatus FAILED = MessageStatus.FAILED;
  private static final MessageStatus EXPIRED = MessageStatus.EXPIRED;
  private static final MessageStatus REJECTED = MessageStatus.REJECTED;

  /** network_error_code 0x0423: network type 3 (GSM), error 0x0001. */
  private static final Integer GSM_ERR_1 = 0x030001;

  private static Optional<DeliveryReceipt> receipt(String id, MessageStatus status, String error) {
    return Optional.of(new DeliveryReceipt(id, status, error));
  }

  private static Arguments text(String text, Optional<DeliveryReceipt> expected) {
    return Arguments.of(null, null, null, text, expected);
  }

  static Stream<Arguments> textReceipts() {
    return Stream.of(
        text(
            "id:0123456789 sub:001 dlvrd:001 submit date:2401011200 done date:2401011201"
                + " stat:DELIVRD err:000 text:Hello there",
            receipt("0123456789", DELIVERED, null)),
        text(
            "Id:42 Sub:001 Dlvrd:001 Submit Date:2401011200 Done Date:2401011201 Stat:delivrd"
                + " Err:000 Text:hi",
            receipt("42", DELIVERED, null)),
        text(
            "ID:42 SUB:001 DLVRD:001 SUBMIT DATE:2401011200 DONE DATE:2401011201 STAT:DELIVERED"
                + " ERR:000 TEXT:",
            receipt("42", DELIVERED, null)),
        // 12-digit dates carry seconds
        text(
            "id:42 sub:001 dlvrd:000 submit date:240101120030 done date:240101120145"
                + " stat:UNDELIV err:001 text:x",
            receipt("42", FAILED, "UNDELIV (err 001)")),
        text("id:42 stat:DELIVRD", receipt("42", DELIVERED, null)),
        text("id:42 stat:EXPIRED err:000", receipt("42", EXPIRED, "EXPIRED")),
        text(
            "  id:  42   sub:001   dlvrd:000  stat :  UNDELIV   err:  001  ",
            receipt("42", FAILED, "UNDELIV (err 001)")),
        text(
            "id:42 sub:001 dlvrd:000 submit_date:2401011200 done_date:2401011201 stat:REJECTD"
                + " err:0B1 text:x",
            receipt("42", REJECTED, "REJECTD (err 0B1)")),
        text("id:7f3A9c00 stat:DELIVRD err:000", receipt("7f3A9c00", DELIVERED, null)),
        text("id:0000012345 stat:DELIVRD err:000", receipt("0000012345", DELIVERED, null)),
        text(
            "stat:UNDELIV err:005 done date:2401011201 id:88 sub:001",
            receipt("88", FAILED, "UNDELIV (err 005)")),
        // The message text may look like a receipt; only what precedes text: counts.
        text(
            "id:5 stat:DELIVRD err:000 text:stat:UNDELIV err:999 id:6",
            receipt("5", DELIVERED, null)),
        text("id:5 text:id:6 stat:DELIVRD", Optional.empty()),
        // An empty id must not take the next key's name as its value.
        text("id: submit date:2401011200 stat:DELIVRD", Optional.empty()),
        text("id:\r\n9\r\nstat:\r\nDELIVRD", receipt("9", DELIVERED, null)));
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("textReceipts")
  void readsTheReceiptTextLeniently(
      String idTlv,
      Integer stateTlv,
      Integer networkError,
      String text,
      Optional<DeliveryReceipt> expected) {
    assertEquals(expected, ReceiptReader.read(idTlv, stateTlv, networkError, text));
  }

  @ParameterizedTest(name = "stat:{0} -> {1}")
  @CsvSource({
    "DELIVRD,       DELIVERED,",
    "DELIVERED,     DELIVERED,",
    "ENROUTE,       SENT,",
    "ACCEPTD,       SENT,",
    "ACCEPTED,      SENT,",
    "EXPIRED,       EXPIRED,   EXPIRED (err 042)",
    "UNDELIV,       FAILED,    UNDELIV (err 042)",
    "UNDELIVERABLE, FAILED,    UNDELIVERABLE (err 042)",
    "DELETED,       FAILED,    DELETED (err 042)",
    "UNKNOWN,       FAILED,    UNKNOWN (err 042)",
    "SKIPPED,       FAILED,    SKIPPED (err 042)",
    "REJECTD,       REJECTED,  REJECTD (err 042)",
    "REJECTED,      REJECTED,  REJECTED (err 042)",
    "rejectd,       REJECTED,  REJECTD (err 042)",
    // a word nobody told us about is still not a delivery
    "BLOCKED,       FAILED,    BLOCKED (err 042)",
    // some SMSCs write the message_state number in the text
    "2,             DELIVERED,",
    "5,             FAILED,    UNDELIV (err 042)"
  })
  void mapsEveryStatWord(String word, MessageStatus status, String error) {
    assertEquals(
        receipt("77", status, error),
        ReceiptReader.read(null, null, null, "id:77 stat:" + word + " err:042 text:x"));
  }

  @ParameterizedTest(name = "message_state {0} -> {1}")
  @CsvSource({
    "1, SENT,",
    "2, DELIVERED,",
    "3, EXPIRED,   EXPIRED",
    "4, FAILED,    DELETED",
    "5, FAILED,    UNDELIV",
    "6, SENT,",
    "7, FAILED,    UNKNOWN",
    "8, REJECTED,  REJECTD",
    "9, FAILED,    SKIPPED",
    // out of range and no text to go by
    "0, FAILED,    message_state 0",
    "12, FAILED,   message_state 12"
  })
  void mapsEveryMessageStateTlv(int state, MessageStatus status, String error) {
    assertEquals(receipt("A1B2", status, error), ReceiptReader.read("A1B2", state, null, null));
  }

  static Stream<Arguments> tlvReceipts() {
    return Stream.of(
        Arguments.of("abc", 2, null, null, receipt("abc", DELIVERED, null)),
        Arguments.of(
            "abc", 5, null, "Your message could not be sent", receipt("abc", FAILED, "UNDELIV")),
        Arguments.of(" abc ", 3, null, null, receipt("abc", EXPIRED, "EXPIRED")),
        Arguments.of(
            "abc", 5, GSM_ERR_1, null, receipt("abc", FAILED, "UNDELIV (network error 0x030001)")),
        Arguments.of("abc", 2, GSM_ERR_1, null, receipt("abc", DELIVERED, null)),
        Arguments.of("abc", 5, 0, null, receipt("abc", FAILED, "UNDELIV")),
        // TLVs and text disagree: the TLVs win
        Arguments.of(
            "A1B2", 2, null, "id:41394 stat:UNDELIV err:001", receipt("A1B2", DELIVERED, null)),
        Arguments.of(
            "A1B2",
            5,
            null,
            "id:41394 stat:DELIVRD err:001",
            receipt("A1B2", FAILED, "UNDELIV (err 001)")),
        // each TLV present alone, the text supplies the other field
        Arguments.of(
            "A1", null, null, "id:999 stat:EXPIRED err:000", receipt("A1", EXPIRED, "EXPIRED")),
        Arguments.of(null, 2, null, "id:999 stat:UNDELIV err:001", receipt("999", DELIVERED, null)),
        Arguments.of("  ", 2, null, "id:999 stat:UNDELIV", receipt("999", DELIVERED, null)),
        // an out-of-range state tells less than the text does
        Arguments.of("A1", 12, null, "id:999 stat:DELIVRD", receipt("A1", DELIVERED, null)),
        // error details from the text and the network_error_code TLV together
        Arguments.of(
            null,
            null,
            GSM_ERR_1,
            "id:42 stat:UNDELIV err:001",
            receipt("42", FAILED, "UNDELIV (err 001, network error 0x030001)")),
        Arguments.of(
            null,
            null,
            GSM_ERR_1,
            "id:42 stat:UNDELIV err:000",
            receipt("42", FAILED, "UNDELIV (network error 0x030001)")));
  }

  @ParameterizedTest(name = "[{index}] id={0} state={1} net={2} text={3}")
  @MethodSource("tlvReceipts")
  void theTlvsWinAndTheTextFillsIn(
      String idTlv,
      Integer stateTlv,
      Integer networkError,
      String text,
      Optional<DeliveryReceipt> expected) {
    assertEquals(expected, ReceiptReader.read(idTlv, stateTlv, networkError, text));
  }

  static Stream<Arguments> unusableReceipts() {
    return Stream.of(
        Arguments.of(null, null, null, null),
        Arguments.of(null, null, GSM_ERR_1, ""),
        Arguments.of(null, null, null, "   "),
        Arguments.of(null, null, null, "Hello, this is not a receipt"),
        Arguments.of(null, 2, null, null),
        Arguments.of("", 2, null, "garbage"),
        Arguments.of("abc", null, null, null),
        Arguments.of("abc", null, null, "no state here"),
        Arguments.of(null, null, null, "id:42 sub:001 dlvrd:001 err:000"),
        Arguments.of(null, null, null, "stat:DELIVRD err:000"),
        Arguments.of(null, null, null, "id: stat:DELIVRD"),
        Arguments.of(null, null, null, "id:42 stat: err:000"));
  }

  @ParameterizedTest(name = "[{index}] id={0} state={1} text={3}")
  @MethodSource("unusableReceipts")
  void nothingWithoutAnIdAndAState(
      String idTlv, Integer stateTlv, Integer networkError, String text) {
    assertEquals(Optional.empty(), ReceiptReader.read(idTlv, stateTlv, networkError, text));
  }
}
