package dev.smsinbox.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which source addresses are a business's alphanumeric sender ID rather than a phone number. */
class PhoneNumbersSenderIdTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ACME|ACME",
        " ACME |ACME",
        "Dr Smith|Dr Smith",
        "24SEVEN|24SEVEN",
        "M&S|M&S",
        "Amazon.com|Amazon.com",
        "ÄÖÜ-Bank|ÄÖÜ-Bank",
        "ABCDEFGHIJK|ABCDEFGHIJK"
      })
  void aWordOfUpToElevenCharactersIsASenderId(String raw, String id) {
    assertEquals(Optional.of(id), PhoneNumbers.alphanumericSender(raw));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+14155550100",
        "14155550100",
        "(415) 555-0100",
        "12345",
        "ABCDEFGHIJKL",
        "not a number",
        "ACME\u0000",
        "AC\nME",
        "",
        "   "
      })
  void numbersAndWhatNoSenderIdLooksLikeAreNot(String raw) {
    assertEquals(Optional.empty(), PhoneNumbers.alphanumericSender(raw));
  }
}
