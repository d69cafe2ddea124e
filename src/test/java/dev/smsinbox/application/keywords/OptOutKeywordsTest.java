package dev.smsinbox.application.keywords;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.domain.KeywordEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which texts are keywords: only a whole text that is one, whatever its case and punctuation. */
class OptOutKeywordsTest {

  private final OptOutKeywords keywords = OptOutKeywords.defaults();

  @ParameterizedTest(name = "\"{0}\" is {1} ({2})")
  @CsvSource(
      delimiter = '|',
      value = {
        "STOP|OPT_OUT|STOP",
        "stop|OPT_OUT|STOP",
        "Stop.|OPT_OUT|STOP",
        "  STOP  |OPT_OUT|STOP",
        "stop!!!|OPT_OUT|STOP",
        "Stop 🛑|OPT_OUT|STOP",
        "STOPALL|OPT_OUT|STOPALL",
        "Stop all|OPT_OUT|STOPALL",
        "unsubscribe|OPT_OUT|UNSUBSCRIBE",
        "Cancel|OPT_OUT|CANCEL",
        "end.|OPT_OUT|END",
        "QUIT|OPT_OUT|QUIT",
        "revoke|OPT_OUT|REVOKE",
        "OPTOUT|OPT_OUT|OPTOUT",
        "opt-out|OPT_OUT|OPTOUT",
        "Opt out!|OPT_OUT|OPTOUT",
        "START|OPT_IN|START",
        "start.|OPT_IN|START",
        "Unstop|OPT_IN|UNSTOP",
        "subscribe|OPT_IN|SUBSCRIBE",
        "HELP|HELP|HELP",
        "help?|HELP|HELP",
        "Info|HELP|INFO",
      })
  void triggers(String text, KeywordEvent event, String keyword) {
    assertThat(keywords.match(text)).contains(new OptOutKeywords.Match(event, keyword));
  }

  @ParameterizedTest(name = "\"{0}\" is a conversation")
  @ValueSource(
      strings = {
        "please don't stop",
        "STOP please",
        "Don't stop",
        "stopped",
        "stop stop",
        "Can you help me with my order?",
        "I want to cancel my appointment",
        "the end",
        "Starting tomorrow",
        "",
        "   ",
        "!!!",
        "C",
        "R — can we move it to Friday afternoon?"
      })
  void doesNotTrigger(String text) {
    assertThat(keywords.match(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ARRET", "Arrêt."})
  void configuredKeywordsAreMatchedTheSameWay(String text) {
    OptOutKeywords french = new OptOutKeywords(List.of("ARRET", "ARRÊT"), List.of(), List.of());
    assertThat(french.match(text).map(OptOutKeywords.Match::event))
        .isEqualTo(Optional.of(KeywordEvent.OPT_OUT));
  }

  @org.junit.jupiter.api.Test
  void nullIsNoKeyword() {
    assertThat(keywords.match(null)).isEmpty();
  }
}
