package dev.smsinbox.adapter.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.application.port.ReplyAssistant.DraftRequest;
import dev.smsinbox.domain.BrandKit;
import dev.smsinbox.domain.FaqEntry;
import dev.smsinbox.domain.GroundingPage;
import dev.smsinbox.domain.InboxSettings;
import dev.smsinbox.domain.ToneRole;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The offline assistant with the real MiniLM model: grounded answers, honest ignorance. */
class EmbeddedReplyAssistantTest {

  static final EmbeddedReplyAssistant assistant = new EmbeddedReplyAssistant();

  static final List<FaqEntry> FAQ =
      List.of(
          new FaqEntry(
              "Do you deliver on Sundays?",
              "Yes, we deliver on Sundays between 10am and 4pm at no extra cost."),
          new FaqEntry(
              "What is your returns policy?",
              "You can return any item within 30 days with the receipt for a full refund."),
          new FaqEntry(
              "How can I reset my password?",
              "Tap 'Forgot password' on the sign-in page and follow the link we email you."));

  static final GroundingPage WORKSHOP =
      new GroundingPage(
          "http://example.test/workshop",
          GroundingPage.Status.FETCHED,
          null,
          "Our workshop\nThe bike workshop opens at 7:30 on Saturdays and closes at 1pm.\n"
              + "A standard tune-up takes about two days.\nContact\nWrite to us any time.",
          Instant.now());

  static InboxSettings settings(ToneRole role, BrandKit kit, GroundingPage... pages) {
    return new InboxSettings(true, false, true, kit, role, FAQ, List.of(pages));
  }

  static String draft(InboxSettings settings, String... lines) {
    return assistant.draftReply(
        new DraftRequest(settings, Conversations.ANN, Conversations.of(lines)), 440);
  }

  static final BrandKit ACME = new BrandKit("Acme Bikes", "warm", "- Acme Bikes", List.of());

  @Test
  void aMatchingQuestionGetsTheFaqAnswerInTheRolesToneWithTheSignOff() {
    String text =
        draft(
            settings(ToneRole.FRIENDLY, ACME),
            "< Hi there! can you deliver my order on a sunday? thanks");
    assertThat(text)
        .startsWith("Hi Ann!")
        .contains("we deliver on Sundays between 10am and 4pm")
        .endsWith("\n- Acme Bikes")
        .doesNotContain("30 days");
  }

  @Test
  void anUnrelatedQuestionIsAnsweredWithARequestForDetailsNotAGuess() {
    String text =
        draft(settings(ToneRole.PROFESSIONAL, ACME), "< What's the weather going to be on Mars?");
    assertThat(text).startsWith("Hello Ann,").contains("could you share a few more details?");
    for (FaqEntry entry : FAQ) {
      assertThat(text).doesNotContain(entry.answer());
    }
    assertThat(text).doesNotContainPattern("\\d");
  }

  @Test
  void aPagePassageAnswersWhatTheFaqDoesNot() {
    String text =
        draft(
            settings(ToneRole.CONCISE, BrandKit.empty(), WORKSHOP),
            "< When does the workshop open on Saturday?");
    assertThat(text).contains("opens at 7:30 on Saturdays");
  }

  @Test
  void aPageThatFailedGivesNothing() {
    GroundingPage failed =
        GroundingPage.failed("http://example.test/workshop", "HTTP 500", Instant.now());
    String text =
        draft(
            settings(ToneRole.CONCISE, BrandKit.empty(), failed),
            "< When does the workshop open on Saturday?");
    assertThat(text).doesNotContain("7:30").contains("bit more detail");
  }

  @Test
  void aSecondQuestionNothingAnswersIsPromisedAFollowUp() {
    String text =
        draft(
            settings(ToneRole.FRIENDLY, ACME),
            "< Can I return an item I bought? Also, do you sell unicycles for giraffes?");
    assertThat(text).contains("within 30 days").contains("About your other question");
  }

  @Test
  void anAnswerAboutAnotherDayIsNotPassedOffAsTheAnswer() {
    String text = draft(settings(ToneRole.FRIENDLY, ACME), "< Do you deliver on Saturdays?");
    assertThat(text).doesNotContain("Sundays").contains("could you tell me a bit more");
  }

  @Test
  void wordsToAvoidRemoveTheAssistantsOwnPhrases() {
    BrandKit kit = new BrandKit("Acme", null, null, List.of("fantastic"));
    String text =
        draft(settings(ToneRole.ENTHUSIASTIC, kit), "< Do you deliver on Sundays as well?");
    assertThat(text).contains("10am and 4pm").doesNotContainIgnoringCase("fantastic");
  }

  @Test
  void theCustomersLatestTurnIsWhatGetsAnswered() {
    String text =
        draft(
            settings(ToneRole.FRIENDLY, ACME),
            "< Do you deliver on Sundays?",
            "> Yes, we do!",
            "< Great. And how do I reset my password?");
    assertThat(text).contains("Forgot password").doesNotContain("10am");
  }
}
