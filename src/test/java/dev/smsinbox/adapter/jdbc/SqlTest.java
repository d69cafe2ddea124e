package dev.smsinbox.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTest {

  @Test
  void inListsComeInAFewLengthsPaddedWithTheirLastValue() {
    assertThat(Sql.in(List.of("a")).placeholders()).isEqualTo("?, ?, ?, ?");
    assertThat(Sql.in(List.of("a")).values()).containsExactly("a", "a", "a", "a");
    assertThat(Sql.in(List.of("a", "b", "c", "d")).values()).containsExactly("a", "b", "c", "d");
    assertThat(Sql.in(List.of(1, 2, 3, 4, 5)).values()).containsExactly(1, 2, 3, 4, 5, 5, 5, 5);
    assertThat(Sql.in(List.of(1, 2, 3, 4, 5)).placeholders()).isEqualTo("?, ?, ?, ?, ?, ?, ?, ?");
  }

  @Test
  void instantsAreBoundAsTheSameMomentInUtcToTheNanosecond() {
    for (String at :
        List.of(
            "2026-12-03T21:00:00.123456789Z",
            "1969-12-31T23:59:59.999999999Z",
            "2038-01-19T03:14:08Z")) {
      Instant instant = Instant.parse(at);
      assertThat(Sql.utc(instant)).isEqualTo(instant.atOffset(ZoneOffset.UTC));
    }
    assertThat(Sql.utc(null)).isNull();
  }

  @Test
  void likeTextIsMatchedLiterally() {
    assertThat(Sql.likeLiteral("50%_off\\")).isEqualTo("50\\%\\_off\\\\");
  }
}
