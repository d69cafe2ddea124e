package dev.smsinbox.adapter.smpp;

import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DefaultDecomposer;

/**
 * Whether a deliver_sm's octets hold together (SMPP 3.4 §4.6.1): the mandatory fields inside the
 * PDU, a short_message as long as sm_length says, then whole TLVs to the last octet; and whether
 * jSMPP's decoder takes it. A PDU that fails is answered by us with the reason's status, because
 * jSMPP would throw on its processing thread and answer nothing.
 */
final class DeliverSmCheck {

  /** Why a deliver_sm cannot be read, and the command_status that says so. */
  record Problem(int commandStatus, String reason) {}

  private static final int HEADER = 16;

  private DeliverSmCheck() {}

  /**
   * @param pdu the whole PDU, header included
   * @return null when the PDU is fine (or is refused by jSMPP itself with an answer)
   */
  static Problem problem(byte[] pdu) {
    Problem structural = structure(pdu);
    if (structural != null) {
      return structural;
    }
    try {
      new DefaultDecomposer().deliverSm(pdu);
      return null;
    } catch (PDUStringException answeredByJsmpp) {
      return null; // jSMPP answers these itself with a generic_nack
    } catch (RuntimeException e) {
      return new Problem(SMPPConstant.STAT_ESME_RINVCMDLEN, "jSMPP cannot decode it (" + e + ")");
    }
  }

  private static Problem structure(byte[] pdu) {
    int at = HEADER;
    String[] fields = {
      "service_type",
      "source_addr_ton",
      "source_addr_npi",
      "source_addr",
      "dest_addr_ton",
      "dest_addr_npi",
      "destination_addr",
      "esm_class",
      "protocol_id",
      "priority_flag",
      "schedule_delivery_time",
      "validity_period",
      "registered_delivery",
      "replace_if_present_flag",
      "data_coding",
      "sm_default_msg_id"
    };
    for (String field : fields) {
      boolean text =
          field.equals("service_type")
              || field.endsWith("_addr")
              || field.equals("destination_addr")
              || field.endsWith("_time")
              || field.equals("validity_period");
      if (text) {
        int end = at;
        while (end < pdu.length && pdu[end] != 0) {
          end++;
        }
        if (end >= pdu.length) {
          return new Problem(
              SMPPConstant.STAT_ESME_RINVCMDLEN,
              field + " has no terminating NUL before the PDU's end (" + pdu.length + " octets)");
        }
        at = end + 1;
      } else {
        at++;
      }
    }
    if (at >= pdu.length) {
      return new Problem(
          SMPPConstant.STAT_ESME_RINVCMDLEN,
          "the PDU ends before sm_length (" + pdu.length + " octets)");
    }
    int smLength = pdu[at] & 0xFF;
    at++;
    int left = pdu.length - at;
    if (smLength > left) {
      return new Problem(
          SMPPConstant.STAT_ESME_RINVMSGLEN,
          "sm_length " + smLength + " but " + left + " octets follow");
    }
    at += smLength;
    while (at < pdu.length) {
      if (pdu.length - at < 4) {
        return new Problem(
            SMPPConstant.STAT_ESME_RINVMSGLEN,
            "sm_length "
                + smLength
                + " leaves "
                + (pdu.length - at)
                + " octets that are no TLV after the short message");
      }
      int length = ((pdu[at + 2] & 0xFF) << 8) | (pdu[at + 3] & 0xFF);
      if (length > pdu.length - at - 4) {
        return new Problem(
            SMPPConstant.STAT_ESME_RINVMSGLEN,
            String.format(
                "sm_length %d leaves octets that are no TLV after the short message (tag 0x%02X%02X"
                    + " says %d octets, %d follow)",
                smLength, pdu[at], pdu[at + 1], length, pdu.length - at - 4));
      }
      at += 4 + length;
    }
    return null;
  }
}
