package dev.smsinbox.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskedTest {

  @Test
  void aPhoneNumberKeepsItsCountryAndLastTwoDigits() {
    assertThat(Masked.phone("+14155550101")).isEqualTo("+141******01").doesNotContain("5550");
  }

  @Test
  void aShortCodeIsMaskedWhole() {
    assertThat(Masked.phone("72345")).isEqualTo("*****");
    assertThat(Masked.phone(null)).isEqualTo("null");
  }
}
