package dev.smsinbox.sms;

/**
 * What the carrier means by data_coding 0 (SMPP's "SMSC default alphabet"), set per link by {@code
 * smpp.default-alphabet}. SMPP leaves this to the SMSC, so it cannot be detected from the bytes; it
 * only affects inbound decoding.
 */
public enum DefaultAlphabet {
  /** GSM 03.38, one septet per octet (the usual case). */
  GSM7,
  /** ISO-8859-1. */
  LATIN1,
  /** IA5 / US-ASCII; a text with an octet above 0x7F is kept as unreadable octets, not guessed. */
  ASCII
}
