package dev.smsinbox.sms;

/** The two alphabets we send with: every outbound text goes as one of these. */
public enum SmsEncoding {
  /** GSM 03.38 default alphabet with its extension table; SMPP data_coding 0. */
  GSM7((byte) 0x00),
  /** UTF-16BE code units (surrogate pairs for characters beyond the BMP); SMPP data_coding 8. */
  UCS2((byte) 0x08);

  private final byte dataCoding;

  SmsEncoding(byte dataCoding) {
    this.dataCoding = dataCoding;
  }

  /** The SMPP data_coding value to put on a submit_sm carrying text in this encoding. */
  public byte dataCoding() {
    return dataCoding;
  }
}
