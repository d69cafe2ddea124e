package dev.smsinbox.sms;

/**
 * Where an inbound part belongs in a concatenated message.
 *
 * @param reference the concatenation reference: 8-bit (UDH IE 0x00), 16-bit (UDH IE 0x08) or the
 *     sar_msg_ref_num TLV. Parts of one message share it together with the sender.
 * @param total number of parts, at least 1
 * @param sequence 1-based position of this part, 1..total
 */
public record Concatenation(int reference, int total, int sequence) {

  /**
   * @throws MalformedSmsException when total or sequence cannot describe a real part
   */
  public Concatenation {
    if (total < 1 || total > 255) {
      throw new MalformedSmsException(
          "concatenation says the message has "
              + total
              + " parts; it must be 1 to 255 (check the UDH or the sar_total_segments TLV)");
    }
    if (sequence < 1 || sequence > total) {
      throw new MalformedSmsException(
          "concatenation says this is part "
              + sequence
              + " of "
              + total
              + "; the part number must be 1 to "
              + total
              + " (check the UDH or the sar_segment_seqnum TLV)");
    }
  }
}
