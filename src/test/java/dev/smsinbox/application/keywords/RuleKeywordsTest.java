package dev.smsinbox.application.keywords;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.domain.KeywordRule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which SMS are a keyword rule's keyword, and which rule applies to which number of ours. */
class RuleKeywordsTest {

  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  private static KeywordRule rule(long id, String keyword, Long numberId) {
    return new KeywordRule(id, keyword, 1, "Welcome series", numberId, null, null, AT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"JOIN", "join", "Join", " join ", "join.", "JOIN!", "jöin", "JÓIN", "j-o-i-n"})
  void theWholeTextIsTheKeywordWhateverItsCaseAccentsAndPunctuation(String text) {
    assertThat(RuleKeywords.lookupKey(text)).contains("JOIN");
  }

  @Test
  void aKeywordWithAccentsMatchesTheTextWithoutAndTheOtherWayRound() {
    assertThat(RuleKeywords.key("CAFÉ")).isEqualTo(RuleKeywords.key("cafe"));
    assertThat(RuleKeywords.key("Caffè Latte")).isEqualTo("CAFFELATTE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"I want to join", "join please", "joined", "rejoin"})
  void aSentenceWithTheKeywordInItIsNotTheKeyword(String text) {
    assertThat(RuleKeywords.lookupKey(text)).isNotEqualTo(RuleKeywords.lookupKey("JOIN"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"join?!? now", "", "   ", "!!!", "👍"})
  void aTextWithNoWordOrWithPunctuationInsideIsNoKeywordAndCostsNoLookUp(String text) {
    assertThat(RuleKeywords.lookupKey(text)).isEmpty();
  }

  @Test
  void aTextLongerThanAnyKeywordCostsNoLookUp() {
    assertThat(RuleKeywords.lookupKey("J".repeat(RuleKeywords.MAX_LENGTH))).isPresent();
    assertThat(RuleKeywords.lookupKey("J".repeat(RuleKeywords.MAX_LENGTH + 1))).isEmpty();
    assertThat(RuleKeywords.lookupKey("join ".repeat(100))).isEmpty();
    assertThat(RuleKeywords.lookupKey(null)).isEmpty();
  }

  @Test
  void theRuleForTheNumberTextedComesBeforeTheRuleForEveryNumber() {
    KeywordRule everyNumber = rule(1, "JOIN", null);
    KeywordRule ours = rule(2, "JOIN", 7L);
    KeywordRule another = rule(3, "JOIN", 8L);
    List<KeywordRule> rules = List.of(everyNumber, ours, another);
    assertThat(RuleKeywords.choose(rules, 7)).contains(ours);
    assertThat(RuleKeywords.choose(rules, 8)).contains(another);
    assertThat(RuleKeywords.choose(rules, 9)).contains(everyNumber);
  }

  @Test
  void aRuleForAnotherNumberNeverApplies() {
    assertThat(RuleKeywords.choose(List.of(rule(3, "JOIN", 8L)), 7)).isEmpty();
    assertThat(RuleKeywords.choose(List.of(), 7)).isEmpty();
  }

  @Test
  void theOptOutKeywordsAreUnchangedByTheRulesAccents() {
    // The rules ignore accents; STOP stays the opt-out keywords' own business.
    assertThat(OptOutKeywords.defaults().match("stop")).isPresent();
    assertThat(RuleKeywords.isKeyword(RuleKeywords.key("join now"))).isTrue();
    assertThat(RuleKeywords.isKeyword(RuleKeywords.key("join@now"))).isFalse();
  }
}
