package dev.smsinbox.runtime.simulator;

/**
 * An SMPP address as an SMSC puts it on a deliver_sm.
 *
 * <p>Carriers send international numbers as digits without '+' and with TON 1 (international), not
 * as {@code +14155550101}; the simulator does the same so the app's number handling is exercised
 * the way a real link exercises it.
 */
record SmppAddress(byte ton, byte npi, String address) {

  static final byte TON_UNKNOWN = 0;
  static final byte TON_INTERNATIONAL = 1;
  static final byte TON_ALPHANUMERIC = 5;
  static final byte NPI_UNKNOWN = 0;
  static final byte NPI_ISDN = 1;

  /** A customer-facing number or sender name in the form a carrier would put on the wire. */
  static SmppAddress of(String number) {
    String trimmed = number.strip();
    if (trimmed.startsWith("+") && trimmed.length() > 1 && isDigits(trimmed.substring(1))) {
      return new SmppAddress(TON_INTERNATIONAL, NPI_ISDN, trimmed.substring(1));
    }
    if (!trimmed.isEmpty() && isDigits(trimmed)) {
      return new SmppAddress(TON_UNKNOWN, NPI_ISDN, trimmed);
    }
    return new SmppAddress(TON_ALPHANUMERIC, NPI_UNKNOWN, trimmed);
  }

  private static boolean isDigits(String s) {
    return s.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
