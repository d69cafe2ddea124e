package dev.smsinbox.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CarrierErrorsTest {

  @Test
  void aRefusedSubmitIsExplainedByItsCommandStatus() {
    var words =
        CarrierErrors.explain("The carrier refused the message with status 0xb").orElseThrow();
    assertThat(words.code()).isEqualTo("0x0B");
    assertThat(words.en()).isEqualTo("The number does not exist or is invalid.");
    assertThat(words.it()).isEqualTo("Il numero non esiste o non è valido.");
  }

  @Test
  void anUnknownCommandStatusStillSaysTheCarrierRefusedIt() {
    var words = CarrierErrors.explain("The carrier refused the message with status 0x4f");
    assertThat(words).get().extracting(CarrierErrors.Explanation::code).isEqualTo("0x4F");
  }

  @Test
  void aReceiptIsExplainedByItsErrorCodeElseItsState() {
    var absent = CarrierErrors.explain("UNDELIV (err 001)").orElseThrow();
    assertThat(absent.en()).isEqualTo("The number does not exist.");
    assertThat(absent.code()).isEqualTo("UNDELIV err 001");
    var expired = CarrierErrors.explain("EXPIRED").orElseThrow();
    assertThat(expired.en()).isEqualTo("The handset was unreachable for the validity period.");
    assertThat(expired.it()).contains("irraggiungibile");
    var network = CarrierErrors.explain("UNDELIV (err 999, network error 0x000123)").orElseThrow();
    assertThat(network.en()).isEqualTo("The message could not be delivered.");
    assertThat(network.code()).contains("err 999");
  }

  @Test
  void anUnknownOutcomeAndTheInboxsOwnWordsAreLeftAsTheyAre() {
    assertThat(CarrierErrors.explain("UNKNOWN_OUTCOME: no answer in 10 s").orElseThrow().code())
        .isEqualTo("UNKNOWN_OUTCOME");
    assertThat(CarrierErrors.explain("The SMPP link is not available (down)")).isEmpty();
    assertThat(CarrierErrors.explain(null)).isEmpty();
  }
}
