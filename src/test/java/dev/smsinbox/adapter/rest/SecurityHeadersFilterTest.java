package dev.smsinbox.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

  @Test
  void theConfiguredOriginsBecomeOneSourceList() {
    assertThat(
            SecurityHeadersFilter.frameAncestors(
                "'self'  https://crm.example.com,https://b.example"))
        .isEqualTo("'self' https://crm.example.com https://b.example");
  }

  @Test
  void aValueCannotAddDirectivesOfItsOwn() {
    assertThat(
            SecurityHeadersFilter.frameAncestors("https://crm.example.com; script-src *\r\nX: y"))
        .isEqualTo("https://crm.example.com script-src * X: y")
        .doesNotContain(";");
  }

  @Test
  void nothingConfiguredMeansOnlyOurOwnPages() {
    assertThat(SecurityHeadersFilter.frameAncestors("  ")).isEqualTo("'self'");
    assertThat(SecurityHeadersFilter.frameAncestors(null)).isEqualTo("'self'");
  }
}
