package dev.smsinbox.sms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Inbound: the text of one deliver_sm (or data_sm) and where it belongs in a concatenated message.
 * Stateless; reassembly (waiting for all parts) belongs to the caller, which can then {@link #join}
 * the parts.
 */
public final class InboundDecoder {

  private static final int ESM_UDHI = 0x40;

  private InboundDecoder() {}

  /**
   * How the message counts as sent: UCS2 for every data_coding read as UCS-2 (8, 0x18, 0x48,
   * 0xE0–0xEF …), GSM7 otherwise — the same reading {@link #decode} uses.
   */
  public static SmsEncoding encodingOf(int dataCoding, DefaultAlphabet defaultAlphabet) {
    return InboundAlphabet.of(dataCoding, defaultAlphabet) == InboundAlphabet.UCS2
        ? SmsEncoding.UCS2
        : SmsEncoding.GSM7;
  }

  /**
   * Decodes one PDU's text.
   *
   * <p>The text is taken from {@code shortMessage}, or from {@code messagePayload} when
   * short_message is null or empty. When esm_class has UDHI (0x40) set the text starts after the
   * UDH. GSM7 text is read one septet per octet (SMPP's form), not packed. Concatenation comes from
   * the SAR TLVs when they are present, otherwise from the UDH (IE 0x00 or 0x08).
   *
   * <p>Nothing is guessed: octets that are not text under the data_coding (an octet above 0x7F
   * under GSM 03.38 or IA5, UCS-2 with an odd number of octets, a data_coding the inbox does not
   * decode) come back {@link InboundPart#unreadable() unreadable}, with the octets after the UDH
   * and the part's place in its message as for any other part.
   *
   * @param dataCoding the data_coding field; see {@link InboundAlphabet#of} for the values read
   * @param esmClass the esm_class field
   * @param sarRef sar_msg_ref_num TLV or null
   * @param sarTotal sar_total_segments TLV or null
   * @param sarSeq sar_segment_seqnum TLV or null
   * @param defaultAlphabet what this carrier means by data_coding 0
   * @throws MalformedSmsException if the PDU cannot be a message: a UDH that does not fit, an
   *     impossible part number or count, or only some of the SAR TLVs
   */
  public static InboundPart decode(
      int dataCoding,
      int esmClass,
      byte[] shortMessage,
      byte[] messagePayload,
      Integer sarRef,
      Integer sarTotal,
      Integer sarSeq,
      DefaultAlphabet defaultAlphabet) {
    InboundAlphabet alphabet = InboundAlphabet.of(dataCoding, defaultAlphabet);
    byte[] body = userData(shortMessage, messagePayload);
    UserDataHeader header = (esmClass & ESM_UDHI) != 0 ? UserDataHeader.parse(body) : null;
    int textStart = header == null ? 0 : header.octets();
    Concatenation sar = sar(sarRef, sarTotal, sarSeq);
    Concatenation concatenation =
        sar != null ? sar : header == null ? null : header.concatenation();
    String text = alphabet.decode(body, textStart);
    if (text == null) {
      Unreadable unreadable =
          new Unreadable(dataCoding & 0xFF, Arrays.copyOfRange(body, textStart, body.length));
      return new InboundPart(unreadable.describe(), concatenation, unreadable);
    }
    return new InboundPart(text, concatenation);
  }

  /**
   * Joins the texts of all parts of one concatenated message in sequence order. A single list
   * element without concatenation is returned as it is.
   *
   * @throws IllegalArgumentException unless the parts are exactly parts 1..total of one message
   *     (same reference and total, each sequence once)
   */
  public static String join(List<InboundPart> parts) {
    if (parts.size() == 1 && !parts.get(0).isConcatenated()) {
      return parts.get(0).text();
    }
    List<InboundPart> sorted = new ArrayList<>(parts);
    for (InboundPart part : sorted) {
      if (!part.isConcatenated()) {
        throw new IllegalArgumentException("a part without concatenation cannot be joined");
      }
    }
    sorted.sort(Comparator.comparingInt(p -> p.concatenation().sequence()));
    Concatenation first = sorted.get(0).concatenation();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < sorted.size(); i++) {
      Concatenation c = sorted.get(i).concatenation();
      if (c.reference() != first.reference()
          || c.total() != sorted.size()
          || c.sequence() != i + 1) {
        throw new IllegalArgumentException(
            "parts are not parts 1.."
                + sorted.size()
                + " of one message: found "
                + c
                + " next to "
                + first);
      }
      text.append(sorted.get(i).text());
    }
    return text.toString();
  }

  private static byte[] userData(byte[] shortMessage, byte[] messagePayload) {
    if (shortMessage != null && shortMessage.length > 0) {
      return shortMessage;
    }
    return messagePayload != null ? messagePayload : new byte[0];
  }

  private static Concatenation sar(Integer ref, Integer total, Integer seq) {
    if (ref == null && total == null && seq == null) {
      return null;
    }
    if (ref == null || total == null || seq == null) {
      throw new MalformedSmsException(
          "SAR TLVs must come together: sar_msg_ref_num="
              + ref
              + ", sar_total_segments="
              + total
              + ", sar_segment_seqnum="
              + seq);
    }
    return new Concatenation(ref, total, seq);
  }
}
