package dev.smsinbox.runtime.simulator;

import dev.smsinbox.runtime.simulator.SmscSimulator.PduRecord;
import dev.smsinbox.sms.DefaultAlphabet;
import dev.smsinbox.sms.InboundDecoder;
import dev.smsinbox.sms.InboundPart;
import dev.smsinbox.sms.MalformedSmsException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/**
 * Takes submit_sm from the ESME: decodes it with the product's codec, gives it an id, records it,
 * and has its receipt sent once the submit_sm_resp has gone out. Other requests are answered
 * ESME_RINVCMDID: the app never sends them, and a clear refusal beats a silent success.
 */
final class SubmitReceiver
    implements ServerMessageReceiverListener, ServerResponseDeliveryListener {

  private static final Logger LOG = Logger.getLogger(SubmitReceiver.class.getName());

  /** Decimal ids from here on: short enough to read in a log, long enough to look real. */
  static final long FIRST_MESSAGE_ID = 1_000_000;

  /**
   * Shared by every simulator in this JVM: a carrier whose SMSC a test restarts keeps giving new
   * ids, as a real SMSC's ids stay unique for days. Reused ids would let a receipt that overtakes
   * its submit's recording meet an older part with the same id instead.
   */
  private static final AtomicLong nextId = new AtomicLong(FIRST_MESSAGE_ID);

  private final SimulatorSettings settings;
  private final SubmissionLog log;
  private final ReceiptWriter receipts;

  /** Parts whose receipt waits for their submit_sm_resp to be written, by message id. */
  private final Map<String, SubmittedPart> awaitingResp = new ConcurrentHashMap<>();

  SubmitReceiver(SimulatorSettings settings, SubmissionLog log, ReceiptWriter receipts) {
    this.settings = settings;
    this.log = log;
    this.receipts = receipts;
  }

  @Override
  public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
      throws ProcessRequestException {
    SmppAddress from =
        new SmppAddress(
            submitSm.getSourceAddrTon(), submitSm.getSourceAddrNpi(), submitSm.getSourceAddr());
    SmppAddress to =
        new SmppAddress(
            submitSm.getDestAddrTon(), submitSm.getDestAddrNpi(), submitSm.getDestAddress());
    Integer reject = settings.rejectSubmitsWith();
    if (reject != null) {
      LOG.info(
          () ->
              String.format(
                  "SMSC simulator: submit_sm from %s to %s rejected with status 0x%02X"
                      + " (setRejectSubmitsWith)",
                  from.address(), to.address(), reject));
      throw new ProcessRequestException("rejected by the simulator's setting", reject);
    }
    Integer refuseThis = settings.rejectSubmitsTo(to.address());
    if (refuseThis != null) {
      LOG.info(
          () ->
              String.format(
                  "SMSC simulator: submit_sm to %s rejected with status 0x%02X"
                      + " (setRejectSubmitsTo)",
                  to.address(), refuseThis));
      throw new ProcessRequestException("rejected by the simulator's setting", refuseThis);
    }
    InboundPart decoded = decode(submitSm, from, to);
    String messageId = Long.toString(nextId.getAndIncrement());
    String stat = settings.receiptState();
    boolean receiptDue =
        settings.receiptsEnabled() && wantsReceipt(submitSm.getRegisteredDelivery(), stat);
    SubmittedPart part =
        new SubmittedPart(
            messageId,
            from,
            to,
            new PduRecord(
                messageId,
                submitSm.getDataCoding(),
                submitSm.getEsmClass(),
                submitSm.getRegisteredDelivery(),
                submitSm.getShortMessage() == null ? new byte[0] : submitSm.getShortMessage()),
            decoded,
            Instant.now(),
            receiptDue ? stat : null,
            source,
            null);
    boolean receiptFirst = receiptDue && settings.receiptBeforeAnswer();
    if (receiptDue && !receiptFirst) {
      awaitingResp.put(messageId, part);
    }
    String joined = log.add(part);
    LOG.info(
        () ->
            String.format(
                "SMSC simulator: submit_sm %s from %s to %s accepted (%s, data_coding 0x%02X%s)%s",
                messageId,
                from.address(),
                to.address(),
                decoded.concatenation() == null
                    ? "single part"
                    : "part "
                        + decoded.concatenation().sequence()
                        + "/"
                        + decoded.concatenation().total(),
                submitSm.getDataCoding(),
                receiptDue ? ", receipt due" : "",
                joined == null ? "" : "; message complete, " + joined.length() + " chars"));
    Duration answerDelay = settings.answerDelayTo(to.address());
    if (!answerDelay.isZero()) {
      // A carrier that took the message but whose answer is lost or late: this PDU thread holds
      // the submit_sm_resp back, as a slow SMSC would, until past the ESME's transaction timer.
      LOG.info(() -> "SMSC simulator: submit_sm " + messageId + " answered in " + answerDelay);
      try {
        Thread.sleep(answerDelay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (receiptFirst) {
      // The receipt is written (and answered) before the submit_sm_resp that names its id.
      LOG.info(() -> "SMSC simulator: receipt for " + messageId + " before its submit_sm_resp");
      receipts.sendNow(part);
    }
    try {
      return new SubmitSmResult(new MessageId(messageId), new OptionalParameter[0]);
    } catch (PDUStringException e) {
      awaitingResp.remove(messageId);
      throw new ProcessRequestException(
          "message id " + messageId + " is not a valid SMPP string",
          SMPPConstant.STAT_ESME_RSYSERR);
    }
  }

  /**
   * SMPP 3.4 §5.2.17: bits 1-0 of registered_delivery are 01 for a receipt on success or failure,
   * 10 for a receipt on failure only.
   */
  static boolean wantsReceipt(byte registeredDelivery, String stat) {
    int receipt = registeredDelivery & 0x03;
    return receipt == 1 || (receipt == 2 && !"DELIVRD".equals(stat));
  }

  private static InboundPart decode(SubmitSm submitSm, SmppAddress from, SmppAddress to)
      throws ProcessRequestException {
    try {
      return InboundDecoder.decode(
          submitSm.getDataCoding(),
          submitSm.getEsmClass(),
          submitSm.getShortMessage(),
          octets(submitSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD)),
          unsigned(submitSm.getOptionalParameter(OptionalParameter.Tag.SAR_MSG_REF_NUM)),
          unsigned(submitSm.getOptionalParameter(OptionalParameter.Tag.SAR_TOTAL_SEGMENTS)),
          unsigned(submitSm.getOptionalParameter(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM)),
          DefaultAlphabet.GSM7);
    } catch (MalformedSmsException e) {
      LOG.warning(
          () ->
              String.format(
                  "SMSC simulator: malformed submit_sm from %s to %s refused with"
                      + " ESME_RINVMSGLEN: %s",
                  from.address(), to.address(), e.getMessage()));
      throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RINVMSGLEN);
    } catch (RuntimeException e) {
      LOG.warning(
          () ->
              String.format(
                  "SMSC simulator: submit_sm from %s to %s could not be read, refused with"
                      + " ESME_RSYSERR: %s",
                  from.address(), to.address(), e));
      throw new ProcessRequestException(
          "submit_sm could not be read: " + e, SMPPConstant.STAT_ESME_RSYSERR);
    }
  }

  /** A TLV's value octets, whatever class jSMPP chose for it. */
  private static byte[] octets(OptionalParameter tlv) {
    if (tlv == null) {
      return null;
    }
    byte[] serialized = tlv.serialize();
    byte[] value = new byte[serialized.length - 4];
    System.arraycopy(serialized, 4, value, 0, value.length);
    return value;
  }

  /** A numeric TLV as an unsigned big-endian number (jSMPP's Byte and Short are signed). */
  private static Integer unsigned(OptionalParameter tlv) {
    byte[] value = octets(tlv);
    if (value == null) {
      return null;
    }
    int n = 0;
    for (byte b : value) {
      n = (n << 8) | (b & 0xFF);
    }
    return n;
  }

  @Override
  public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
    SubmittedPart part = awaitingResp.remove(result.getMessageId());
    if (part != null) {
      receipts.schedule(part);
    }
  }

  @Override
  public void onSubmitSmRespError(
      SubmitSmResult result, Exception cause, SMPPServerSession source) {
    // The ESME never learnt the id, so a receipt for it would be noise.
    awaitingResp.remove(result.getMessageId());
  }

  @Override
  public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession source) {}

  @Override
  public void onSubmitMultiRespError(
      SubmitMultiResult result, Exception cause, SMPPServerSession source) {}

  @Override
  public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
      throws ProcessRequestException {
    throw unsupported("submit_multi");
  }

  @Override
  public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
      throws ProcessRequestException {
    throw unsupported("query_sm");
  }

  @Override
  public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source)
      throws ProcessRequestException {
    throw unsupported("replace_sm");
  }

  @Override
  public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source)
      throws ProcessRequestException {
    throw unsupported("cancel_sm");
  }

  @Override
  public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
      throws ProcessRequestException {
    throw unsupported("broadcast_sm");
  }

  @Override
  public void onAcceptCancelBroadcastSm(
      CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
      throws ProcessRequestException {
    throw unsupported("cancel_broadcast_sm");
  }

  @Override
  public QueryBroadcastSmResult onAcceptQueryBroadcastSm(
      QueryBroadcastSm queryBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
    throw unsupported("query_broadcast_sm");
  }

  @Override
  public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
    throw unsupported("data_sm");
  }

  private static ProcessRequestException unsupported(String command) {
    LOG.info(() -> "SMSC simulator: " + command + " is not supported; answered ESME_RINVCMDID");
    return new ProcessRequestException(
        command + " is not supported by the simulator", SMPPConstant.STAT_ESME_RINVCMDID);
  }
}
