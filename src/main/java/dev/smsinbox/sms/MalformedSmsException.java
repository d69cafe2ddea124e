package dev.smsinbox.sms;

/**
 * The bytes of an inbound PDU cannot be a message (for example a UDH longer than the short_message,
 * or UCS-2 with an odd number of octets). The message names the field and what is wrong with it, so
 * a carrier engineer can act on it.
 */
public final class MalformedSmsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MalformedSmsException(String message) {
    super(message);
  }
}
