package dev.smsinbox.application.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.sms.SmsComposer;
import dev.smsinbox.sms.SmsEncoding;
import org.junit.jupiter.api.Test;

/** Machine-written drafts are made cheap and short enough for SMS. */
class SmsTextTest {

  @Test
  void typographicPunctuationBecomesGsm7() {
    String text = SmsText.plain("We\u2019re open \u2013 \u201Cdaily\u201D\u2026");
    assertThat(text).isEqualTo("We're open - \"daily\"...");
    assertThat(SmsComposer.measure(text).encoding()).isEqualTo(SmsEncoding.GSM7);
  }

  @Test
  void aTooLongTextIsCutAfterItsLastWholeSentenceThatFits() {
    String sentence = "This sentence is exactly fifty characters long ok. ";
    String text = sentence.repeat(12).strip();
    String fitted = SmsText.fit(text, 3);
    assertThat(SmsComposer.measure(fitted).segments()).isLessThanOrEqualTo(3);
    assertThat(fitted).endsWith("ok.");
    assertThat(fitted.length()).isGreaterThan(400);
  }

  @Test
  void aTextThatFitsIsLeftAlone() {
    assertThat(SmsText.fit("Short.", 3)).isEqualTo("Short.");
  }
}
