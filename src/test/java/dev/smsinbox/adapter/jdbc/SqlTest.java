package dev.smsinbox.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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
  void likeTextIsMatchedLiterally() {
    assertThat(Sql.likeLiteral("50%_off\\")).isEqualTo("50\\%\\_off\\\\");
  }
}
