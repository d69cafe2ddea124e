package dev.smsinbox.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

  @ParameterizedTest
  @CsvSource({
    "+1 415-555-0123, US, +14155550123",
    "(415) 555-0123, US, +14155550123",
    "14155550123, US, +14155550123",
    "020 7946 0958, GB, +442079460958",
    "347 123 4567, IT, +393471234567",
    // The same text in another region is another number: answers are remembered per region.
    "4155550123, US, +14155550123",
    "4155550123, IT, +394155550123",
  })
  void anyCommonFormatBecomesE164EveryTime(String raw, String region, String e164) {
    assertThat(PhoneNumbers.toE164(raw, region)).contains(e164);
    assertThat(PhoneNumbers.toE164(raw, region)).contains(e164);
  }

  @ParameterizedTest
  @CsvSource({"not a number, US", "12, US", "'', US"})
  void whatCannotBeAPhoneNumberIsEmptyEveryTime(String raw, String region) {
    assertThat(PhoneNumbers.toE164(raw, region)).isEmpty();
    assertThat(PhoneNumbers.toE164(raw, region)).isEmpty();
  }
}
