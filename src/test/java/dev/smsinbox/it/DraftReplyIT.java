package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Draft reply" with the default, offline assistant: grounded in the FAQ and the configured page
 * only, honest when nothing answers, and refused while the switch is off.
 */
class DraftReplyIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();
  static PageServer site;

  @BeforeAll
  static void startSite() {
    site =
        new PageServer(
            Map.of(
                "/workshop",
                "<html><head><title>Workshop</title></head><body><nav>Home Shop</nav><main>"
                    + "<h1>Our workshop</h1><p>The bike workshop opens at 7:30 on Saturdays"
                    + " and closes at 1pm.</p><p>A standard tune-up takes about two days.</p>"
                    + "</main><script>var tracking = 1;</script></body></html>",
                "/secret",
                "<html><body><p>Staff discount code ZEBRA-42 gives 50% off every"
                    + " purchase.</p></body></html>"));
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  static void configure(boolean draftReply) {
    var saved =
        inbox
            .admin()
            .put(
                "/api/settings/inbox",
                Map.of(
                    "draftReply",
                    draftReply,
                    "conversationSummary",
                    false,
                    "mistakesAcknowledged",
                    true,
                    "role",
                    "FRIENDLY",
                    "brandKit",
                    Map.of("brandName", "Acme Bikes", "signOff", "- Acme Bikes"),
                    "urls",
                    List.of(site.url("/workshop")),
                    "faq",
                    List.of(
                        Map.of(
                            "question",
                            "Do you deliver on Sundays?",
                            "answer",
                            "Yes, we deliver on Sundays between 10am and 4pm at no extra"
                                + " cost."),
                        Map.of(
                            "question", "What is your returns policy?",
                            "answer",
                                "You can return any item within 30 days with the receipt."))));
    assertThat(saved.status()).isEqualTo(200);
    assertThat(saved.json().get("pages").get(0).get("status").asText()).isEqualTo("FETCHED");
  }

  static long conversationSaying(String text) {
    String customer = FreshNumbers.us();
    assertThat(inbox.deliver(customer, text)).isZero();
    return SmsPathIT.awaitRow(customer).get("id").asLong();
  }

  static JsonNode draft(long conversation) {
    var answer =
        inbox.admin().post("/api/inbox/conversations/" + conversation + "/draft-reply", "");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  @Test
  void aMatchingQuestionGetsTheFaqAnswer() {
    configure(true);
    long conversation = conversationSaying("Hello! Can you deliver my order on a sunday?");
    JsonNode draft = draft(conversation);
    assertThat(draft.get("text").asText())
        .contains("we deliver on Sundays between 10am and 4pm")
        .endsWith("- Acme Bikes")
        .doesNotContain("30 days");
    assertThat(draft.get("segments").asInt()).isBetween(1, 3);
    assertThat(draft.get("encoding").asText()).isEqualTo("GSM7");
    assertThat(draft.get("characters").asInt()).isEqualTo(draft.get("text").asText().length());
  }

  @Test
  void anUnrelatedQuestionIsMetWithAQuestionNotAnInvention() {
    configure(true);
    long conversation = conversationSaying("Which planet has the most moons?");
    String text = draft(conversation).get("text").asText();
    assertThat(text).contains("could you tell me a bit more").doesNotContainPattern("\\d");
  }

  @Test
  void theDraftUsesTheConfiguredPageAndNothingElse() {
    configure(true);
    String text =
        draft(conversationSaying("When does the workshop open on Saturday?")).get("text").asText();
    assertThat(text).contains("opens at 7:30 on Saturdays").doesNotContain("tracking");

    String other =
        draft(conversationSaying("Is there a staff discount code?")).get("text").asText();
    assertThat(other).doesNotContain("ZEBRA").doesNotContain("50%");
  }

  @Test
  void nothingIsSentByADraft() {
    configure(true);
    long conversation = conversationSaying("Do you deliver on Sundays?");
    draft(conversation);
    JsonNode messages =
        inbox.admin().get("/api/inbox/conversations/" + conversation).json().get("messages");
    assertThat(messages).hasSize(1);
  }

  @Test
  void whileDraftReplyIsOffTheButtonSaysWhereToTurnItOn() {
    configure(false);
    long conversation = conversationSaying("Do you deliver on Sundays?");
    var refused =
        inbox.admin().post("/api/inbox/conversations/" + conversation + "/draft-reply", "");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("detail").asText())
        .contains("Turn on Draft reply in the inbox settings");
  }
}
