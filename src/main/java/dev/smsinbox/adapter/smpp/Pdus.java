package dev.smsinbox.adapter.smpp;

import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

/** Reading fields of a deliver_sm the same way everywhere. */
final class Pdus {

  /** esm_class message type bits: 0x04 SMSC delivery receipt, 0x08/0x20 intermediate notices. */
  private static final int MESSAGE_TYPE_MASK = 0x3C;

  private Pdus() {}

  static boolean isReceipt(DeliverSm pdu) {
    int type = pdu.getEsmClass() & MESSAGE_TYPE_MASK;
    return type == 0x04 || type == 0x08 || type == 0x20;
  }

  static byte[] tlvBytes(DeliverSm pdu, short tag) {
    OptionalParameter p = pdu.getOptionalParameter(tag);
    if (p == null) {
      return null;
    }
    byte[] serialized = p.serialize();
    // tag (2) + length (2) + value
    byte[] value = new byte[serialized.length - 4];
    System.arraycopy(serialized, 4, value, 0, value.length);
    return value;
  }

  static Integer tlvInt(DeliverSm pdu, short tag) {
    byte[] value = tlvBytes(pdu, tag);
    if (value == null || value.length == 0) {
      return null;
    }
    int result = 0;
    for (byte b : value) {
      result = (result << 8) | (b & 0xFF);
    }
    return result;
  }

  /** A C-octet string TLV without its terminating NUL. */
  static String tlvString(DeliverSm pdu, short tag) {
    byte[] value = tlvBytes(pdu, tag);
    if (value == null) {
      return null;
    }
    int end = value.length;
    while (end > 0 && value[end - 1] == 0) {
      end--;
    }
    return new String(value, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** An SMPP address as a number: international ones (TON 1) get their '+'. */
  static String number(String address, byte ton) {
    if (address == null) {
      return "";
    }
    String a = address.strip();
    return ton == 1 && !a.startsWith("+") ? "+" + a : a;
  }
}
