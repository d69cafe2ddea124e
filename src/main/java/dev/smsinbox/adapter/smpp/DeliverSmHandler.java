package dev.smsinbox.adapter.smpp;

import dev.smsinbox.application.inbound.InboundSms;
import dev.smsinbox.application.inbound.InboundWriter;
import dev.smsinbox.application.inbound.ReassembleSms;
import dev.smsinbox.application.outbound.DeliveryReceipt;
import dev.smsinbox.application.outbound.RecordDeliveryReceipt;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.UnreadableText;
import dev.smsinbox.sms.DefaultAlphabet;
import dev.smsinbox.sms.InboundDecoder;
import dev.smsinbox.sms.InboundPart;
import dev.smsinbox.sms.MalformedSmsException;
import dev.smsinbox.sms.Unreadable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.ProcessRequestException;

/**
 * Turns a deliver_sm into a stored message or receipt. Returning normally answers ESME_ROK, so it
 * returns only after the commit — or, on a session that holds the answer until then ({@link
 * AnswersAfterCommit}), once an SMS is handed to the writer, the answer following its commit; a
 * storage failure answers ESME_RX_T_APPN (0x64) so the SMSC redelivers; a PDU that can never be
 * stored answers a permanent error the carrier can read, and the log says why: ESME_RINVDSTADR
 * (0x0B) for a number that is not ours, ESME_RINVSRCADR (0x0A) for a sender that is neither a phone
 * number nor a sender ID, ESME_RX_P_APPN (0x65) for a PDU that cannot be a message or is larger
 * than the inbox stores (a text, a part, a receipt's id) — never 0x64 for what would fail again at
 * every redelivery.
 */
public class DeliverSmHandler implements Processor {

  /** ESME_RX_T_APPN: temporary application error, the SMSC retries later. */
  static final int TEMPORARY_ERROR = 0x64;

  /** ESME_RX_P_APPN: permanent application error, the SMSC must not retry. */
  static final int PERMANENT_ERROR = 0x65;

  /** ESME_RTHROTTLED: the SMSC should slow down and deliver it again. */
  static final int THROTTLED = 0x58;

  /** ESME_RINVSRCADR: the source address is not a phone number nor a sender ID. */
  static final int INVALID_SOURCE = 0x0A;

  /** ESME_RINVDSTADR: the destination address is not one of our numbers. */
  static final int INVALID_DESTINATION = 0x0B;

  private static final Logger LOG = Logger.getLogger(DeliverSmHandler.class.getName());
  private static final short RECEIPTED_MESSAGE_ID = 0x001E;
  private static final short MESSAGE_STATE = 0x0427;
  private static final short NETWORK_ERROR_CODE = 0x0423;
  private static final short MESSAGE_PAYLOAD = 0x0424;
  private static final short SAR_MSG_REF_NUM = 0x020C;
  private static final short SAR_TOTAL_SEGMENTS = 0x020E;
  private static final short SAR_SEGMENT_SEQNUM = 0x020F;

  private final InboundWriter inbound;
  private final ReassembleSms reassembly;
  private final RecordDeliveryReceipt recordReceipt;
  private final DefaultAlphabet defaultAlphabet;
  private final Clock clock;

  public DeliverSmHandler(
      InboundWriter inbound,
      ReassembleSms reassembly,
      RecordDeliveryReceipt recordReceipt,
      DefaultAlphabet defaultAlphabet,
      Clock clock) {
    this.inbound = inbound;
    this.reassembly = reassembly;
    this.recordReceipt = recordReceipt;
    this.defaultAlphabet = defaultAlphabet;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) throws ProcessRequestException {
    AnswersAfterCommit.clear();
    DeliverSm pdu = exchange.getIn().getBody(DeliverSm.class);
    if (pdu == null) {
      throw new ProcessRequestException("No deliver_sm in the exchange", PERMANENT_ERROR);
    }
    boolean answerLater =
        Boolean.TRUE.equals(exchange.getProperty(AnswersAfterCommit.EXCHANGE_PROPERTY));
    try {
      if (Pdus.isReceipt(pdu)) {
        receipt(pdu);
      } else {
        message(pdu, answerLater);
      }
    } catch (ProcessRequestException e) {
      throw e;
    } catch (MalformedSmsException e) {
      LOG.warning(
          () ->
              "Refused a malformed deliver_sm from " + pdu.getSourceAddr() + ": " + e.getMessage());
      throw new ProcessRequestException(e.getMessage(), PERMANENT_ERROR);
    } catch (RequestRefused e) {
      throw new ProcessRequestException(e.getMessage(), refused(pdu, e));
    } catch (RuntimeException e) {
      throw new ProcessRequestException(
          "Temporary storage failure: " + e.getMessage(), notStored(pdu, e));
    }
  }

  /** The answer to a deliver_sm whose SMS the writer took, said why when it is not ESME_ROK. */
  private static int answer(DeliverSm pdu, Throwable failure) {
    if (failure == null) {
      return 0;
    }
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return cause instanceof RequestRefused refused ? refused(pdu, refused) : notStored(pdu, cause);
  }

  private static int refused(DeliverSm pdu, RequestRefused e) {
    int status = statusFor(e);
    LOG.warning(
        () ->
            String.format(
                "Refused a deliver_sm from %s to %s with 0x%02X: %s",
                pdu.getSourceAddr(), pdu.getDestAddress(), status, e.getMessage()));
    return status;
  }

  private static int notStored(DeliverSm pdu, Throwable e) {
    LOG.log(
        Level.WARNING,
        "Could not store a deliver_sm from "
            + pdu.getSourceAddr()
            + "; answered 0x64 so the SMSC delivers it again",
        e);
    return TEMPORARY_ERROR;
  }

  /** The command status that tells the carrier why: each refusal is permanent. */
  static int statusFor(RequestRefused refused) {
    return switch (refused.reason()) {
      case NOT_FOUND -> INVALID_DESTINATION;
      case INVALID -> INVALID_SOURCE;
      default -> PERMANENT_ERROR;
    };
  }

  /**
   * @param answerLater whether the session holds the answer until the commit ({@link
   *     AnswersAfterCommit}): then this returns once the SMS is handed to the writer
   */
  private void message(DeliverSm pdu, boolean answerLater) throws ProcessRequestException {
    InboundPart part =
        InboundDecoder.decode(
            pdu.getDataCoding(),
            pdu.getEsmClass(),
            pdu.getShortMessage(),
            Pdus.tlvBytes(pdu, MESSAGE_PAYLOAD),
            Pdus.tlvInt(pdu, SAR_MSG_REF_NUM),
            Pdus.tlvInt(pdu, SAR_TOTAL_SEGMENTS),
            Pdus.tlvInt(pdu, SAR_SEGMENT_SEQNUM),
            defaultAlphabet);
    if (part.isEmpty()) {
      throw new ProcessRequestException(
          "The deliver_sm carries no text (short_message and message_payload are empty)",
          PERMANENT_ERROR);
    }
    String encoding = InboundDecoder.encodingOf(pdu.getDataCoding() & 0xFF, defaultAlphabet).name();
    Unreadable unreadable = part.unreadable();
    InboundSms sms =
        new InboundSms(
            Pdus.number(pdu.getSourceAddr(), pdu.getSourceAddrTon()),
            Pdus.number(pdu.getDestAddress(), pdu.getDestAddrTon()),
            part.text(),
            1,
            encoding,
            clock.instant(),
            false,
            unreadable == null
                ? null
                : UnreadableText.of(unreadable.dataCoding(), unreadable.octets()));
    if (part.concatenation() != null) {
      reassembly.receivePart(sms, part.concatenation());
    } else if (answerLater) {
      if (inbound.full()) {
        throw new ProcessRequestException(
            "More deliver_sm wait to be stored than the inbox queues", THROTTLED);
      }
      AnswersAfterCommit.answerWhen(inbound.hand(sms).handle((stored, e) -> answer(pdu, e)));
    } else {
      inbound.receive(sms);
    }
  }

  private void receipt(DeliverSm pdu) throws ProcessRequestException {
    byte[] body = pdu.getShortMessage();
    if (body == null || body.length == 0) {
      body = Pdus.tlvBytes(pdu, MESSAGE_PAYLOAD);
    }
    String text = body == null ? null : new String(body, StandardCharsets.ISO_8859_1);
    Optional<DeliveryReceipt> receipt =
        ReceiptReader.read(
            Pdus.tlvString(pdu, RECEIPTED_MESSAGE_ID),
            Pdus.tlvInt(pdu, MESSAGE_STATE),
            Pdus.tlvInt(pdu, NETWORK_ERROR_CODE),
            text);
    if (receipt.isEmpty()) {
      LOG.warning(() -> "Refused a delivery receipt we cannot read: " + text);
      throw new ProcessRequestException(
          "Delivery receipt without a message id or state: " + text, PERMANENT_ERROR);
    }
    String id = receipt.get().smscMessageId();
    if (id.length() > DeliveryReceipt.MAX_ID) {
      // No submit of ours has such an id (SMPP's message_id is at most 65 octets), and it could
      // not be kept to wait for one: refused for good rather than "try again" for ever.
      String why =
          "Delivery receipt for a message id of "
              + id.length()
              + " characters; SMPP ids, and the inbox's, have at most "
              + DeliveryReceipt.MAX_ID;
      LOG.warning(() -> "Refused a delivery receipt: " + why + " (" + id + ")");
      throw new ProcessRequestException(why, PERMANENT_ERROR);
    }
    recordReceipt.record(receipt.get());
  }
}
