package dev.smsinbox.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubmitPacerTest {

  @Test
  void partsGoNoFasterThanTheAgreedRate() {
    SubmitPacer pacer = new SubmitPacer(1000);
    long start = System.nanoTime();
    for (int i = 0; i < 201; i++) {
      pacer.awaitSlot();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // 200 intervals of 1 ms after the first part: never less than that.
    assertThat(seconds).isGreaterThanOrEqualTo(0.2);
  }

  @Test
  void aRateBelowOneIsRefused() {
    assertThatThrownBy(() -> new SubmitPacer(0)).hasMessageContaining("at least 1");
  }
}
