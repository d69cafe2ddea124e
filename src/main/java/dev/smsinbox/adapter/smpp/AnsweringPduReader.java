package dev.smsinbox.adapter.smpp;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.function.IntConsumer;
import java.util.logging.Logger;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.PDUReader;
import org.jsmpp.PDUSender;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;

/**
 * jSMPP's PDU reading, with one addition: a deliver_sm that cannot be decoded ({@link
 * DeliverSmCheck}) is answered here with a generic_nack carrying its sequence number and the
 * reason's status (ESME_RINVMSGLEN, ESME_RINVCMDLEN), logged with the first octets in hex and
 * counted, and never handed to jSMPP, whose processing thread would die on it without an answer.
 * Reading then goes on with the next PDU: the session stays bound.
 *
 * <p>One reader per session, called by that session's single reading thread only.
 */
final class AnsweringPduReader implements PDUReader {

  private static final Logger LOG = Logger.getLogger(AnsweringPduReader.class.getName());

  /** How much of a refused PDU the log shows. */
  private static final int SHOWN_OCTETS = 64;

  private final org.jsmpp.DefaultPDUReader octets = new org.jsmpp.DefaultPDUReader();
  private final PDUSender sender;
  private final IntConsumer undecodable;
  private volatile AnsweringSessions.Wire wire;

  /** A deliver_sm read whole to check it, handed over by the next {@link #readPDU} call. */
  private Command checkedHeader;

  private byte[] checkedPdu;

  AnsweringPduReader(PDUSender sender, IntConsumer undecodable) {
    this.sender = sender;
    this.undecodable = undecodable;
  }

  void answerOn(AnsweringSessions.Wire wire) {
    this.wire = wire;
  }

  @Override
  public Command readPDUHeader(DataInputStream in)
      throws InvalidCommandLengthException, IOException {
    while (true) {
      Command header = octets.readPDUHeader(in);
      if (header.getCommandId() != SMPPConstant.CID_DELIVER_SM) {
        return header;
      }
      byte[] pdu = octets.readPDU(in, header);
      DeliverSmCheck.Problem problem = DeliverSmCheck.problem(pdu);
      if (problem == null) {
        checkedHeader = header;
        checkedPdu = pdu;
        return header;
      }
      refuse(header, pdu, problem);
    }
  }

  @Override
  public byte[] readPDU(DataInputStream in, Command pduHeader) throws IOException {
    if (pduHeader == checkedHeader) {
      byte[] pdu = checkedPdu;
      checkedHeader = null;
      checkedPdu = null;
      return pdu;
    }
    return octets.readPDU(in, pduHeader);
  }

  @Override
  public byte[] readPDU(
      DataInputStream in, int commandLength, int commandId, int commandStatus, int sequenceNumber)
      throws IOException {
    return octets.readPDU(in, commandLength, commandId, commandStatus, sequenceNumber);
  }

  private void refuse(Command header, byte[] pdu, DeliverSmCheck.Problem problem)
      throws IOException {
    int sequence = header.getSequenceNumber();
    String shown =
        HexFormat.ofDelimiter(" ").formatHex(pdu, 0, Math.min(pdu.length, SHOWN_OCTETS))
            + (pdu.length > SHOWN_OCTETS ? " …" : "");
    LOG.warning(
        () ->
            String.format(
                "deliver_sm sequence number %d cannot be decoded: %s; answered generic_nack"
                    + " 0x%08X (%s). Its %d octets: %s",
                sequence,
                problem.reason(),
                problem.commandStatus(),
                problem.commandStatus() == SMPPConstant.STAT_ESME_RINVMSGLEN
                    ? "ESME_RINVMSGLEN"
                    : "ESME_RINVCMDLEN",
                pdu.length,
                shown));
    undecodable.accept(sequence);
    sender.sendGenericNack(wire.out(), problem.commandStatus(), sequence);
  }
}
