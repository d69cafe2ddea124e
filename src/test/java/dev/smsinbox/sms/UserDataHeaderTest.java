package dev.smsinbox.sms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserDataHeaderTest {

  @Test
  void buildsThe8BitReferenceConcatenationHeader() {
    assertArrayEquals(
        HexFormat.of().parseHex("050003ff0302"), UserDataHeader.concatenation(255, 3, 2));
    assertEquals(
        new UserDataHeader(6, new Concatenation(255, 3, 2)),
        UserDataHeader.parse(UserDataHeader.concatenation(255, 3, 2)));
  }

  @Test
  void refusesHeadersThatCannotExist() {
    assertThrows(IllegalArgumentException.class, () -> UserDataHeader.concatenation(256, 2, 1));
    assertThrows(IllegalArgumentException.class, () -> UserDataHeader.concatenation(1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> UserDataHeader.concatenation(1, 2, 3));
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "6, 1", "7, 0", "5, 2", "1, 6", "12, 2"})
  void fillBitsPutTheFirstSeptetOnASeptetBoundary(int headerOctets, int fillBits) {
    assertEquals(fillBits, UserDataHeader.fillBits(headerOctets));
    assertEquals(0, (headerOctets * 8 + fillBits) % 7);
  }

  @Test
  void encodingsCarryTheirSmppDataCoding() {
    assertEquals(0, SmsEncoding.GSM7.dataCoding());
    assertEquals(8, SmsEncoding.UCS2.dataCoding());
  }
}
