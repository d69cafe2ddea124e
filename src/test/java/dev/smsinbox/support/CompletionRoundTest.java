package dev.smsinbox.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionRoundTest {

  private final List<String> done = new ArrayList<>();

  @Test
  void workDeferredInARoundRunsOnceItsCompletionsAreAllDoneInTheOrderDeferred() {
    CompletionRound.run(
        () -> {
          done.add("first completed");
          CompletionRound.atEnd(() -> done.add("first's answer"));
          done.add("second completed");
          CompletionRound.atEnd(() -> done.add("second's answer"));
        });

    assertThat(done)
        .containsExactly(
            "first completed", "second completed", "first's answer", "second's answer");
  }

  @Test
  void outsideARoundTheWorkIsDoneAtOnceAndARoundInARoundJoinsIt() {
    CompletionRound.atEnd(() -> done.add("alone"));
    CompletionRound.run(
        () -> {
          CompletionRound.run(() -> CompletionRound.atEnd(() -> done.add("inner's answer")));
          done.add("outer completed");
        });

    assertThat(done).containsExactly("alone", "outer completed", "inner's answer");
  }

  @Test
  void workThatFailsDoesNotKeepTheRestOfTheRoundsWorkFromRunning() {
    assertThatThrownBy(
            () ->
                CompletionRound.run(
                    () -> {
                      CompletionRound.atEnd(
                          () -> {
                            throw new IllegalStateException("the first answer's write failed");
                          });
                      CompletionRound.atEnd(() -> done.add("second's answer"));
                    }))
        .hasMessage("the first answer's write failed");

    assertThat(done).containsExactly("second's answer");
  }
}
