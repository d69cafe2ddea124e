package dev.smsinbox.application.keywords;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.domain.KeywordEvent;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeywordSettingsTest {

  @Test
  void eachCountryHasItsOwnDefaultWording() {
    KeywordSettings settings = new KeywordSettings(key -> Optional.empty());
    assertThat(settings.reply(KeywordEvent.OPT_OUT, "US")).contains("Reply START");
    assertThat(settings.reply(KeywordEvent.OPT_OUT, "GB")).contains("Text START");
    assertThat(settings.reply(KeywordEvent.HELP, "AU")).contains("carrier charges");
    assertThat(settings.reply(KeywordEvent.OPT_IN, "FR"))
        .isEqualTo(settings.reply(KeywordEvent.OPT_IN, "US"));
  }

  @Test
  void aCountrySettingBeatsTheGeneralOneWhichBeatsTheDefault() {
    Map<String, String> config =
        Map.of(
            "optout.reply.stop", "Bye.",
            "optout.reply.stop.GB", "Cheerio.",
            "optout.keywords.stop.GB", "STOP, HALT");
    KeywordSettings settings = new KeywordSettings(key -> Optional.ofNullable(config.get(key)));
    assertThat(settings.reply(KeywordEvent.OPT_OUT, "GB")).isEqualTo("Cheerio.");
    assertThat(settings.reply(KeywordEvent.OPT_OUT, "US")).isEqualTo("Bye.");
    assertThat(settings.keywordsFor("GB").match("halt")).isPresent();
    assertThat(settings.keywordsFor("GB").match("quit")).isEmpty();
    assertThat(settings.keywordsFor("US").match("quit")).isPresent();
  }
}
