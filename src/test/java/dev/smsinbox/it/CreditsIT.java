package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every SMS part costs credit; a send the balance cannot cover is refused before it is queued. */
class CreditsIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  @Test
  void aReplyDebitsOneCreditPerPart() {
    long conversation = inbox.conversationWith(FreshNumbers.us());
    long before = balance();
    var sent =
        inbox
            .admin()
            .post(
                "/api/inbox/conversations/" + conversation + "/messages",
                Map.of("text", "Two parts: " + "x".repeat(160)));
    assertThat(sent.status()).isEqualTo(202);
    assertThat(sent.json().get("segments").asInt()).isEqualTo(2);
    assertThat(sent.json().get("credits").asLong()).isEqualTo(2);
    assertThat(sent.json().get("status").asText()).isEqualTo("QUEUED");
    assertThat(balance()).isEqualTo(before - 2);
    var entry = inbox.admin().get("/api/credits").json().get("entries").get(0);
    assertThat(entry.get("delta").asLong()).isEqualTo(-2);
    assertThat(entry.get("messageId").asLong()).isEqualTo(sent.json().get("id").asLong());
  }

  @Test
  void theComposerPricesATextAtTheRateOfTheCustomersCountry() {
    String twoParts = "Two parts: " + "x".repeat(160);
    long us = inbox.conversationWith(FreshNumbers.us());
    long newZealand = inbox.conversationWith(FreshNumbers.newZealand());

    assertThat(preview(Map.of("text", twoParts, "conversationId", us)).get("credits").asLong())
        .isEqualTo(2);
    assertThat(
            preview(Map.of("text", twoParts, "conversationId", newZealand)).get("credits").asLong())
        .isEqualTo(2_000_000_000L);
    // Before a conversation is chosen: the standard rate.
    var alone = preview(Map.of("text", twoParts));
    assertThat(alone.get("segments").asInt()).isEqualTo(2);
    assertThat(alone.get("credits").asLong()).isEqualTo(2);
  }

  private static com.fasterxml.jackson.databind.JsonNode preview(Map<String, Object> body) {
    var answer = inbox.admin().post("/api/inbox/compose/preview", body);
    assertThat(answer.status()).isEqualTo(200);
    return answer.json();
  }

  @Test
  void aSendTheBalanceCannotCoverIsRefusedAndNothingIsWritten() {
    // Replies to New Zealand cost 1,000,000,000 credits a part on the test server.
    long conversation = inbox.conversationWith(FreshNumbers.newZealand());
    long before = balance();
    int messages = messageCount(conversation);

    var refused =
        inbox
            .admin()
            .post(
                "/api/inbox/conversations/" + conversation + "/messages",
                Map.of("text", "Kia ora"));

    assertThat(refused.status()).isEqualTo(402);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("detail").asText())
        .contains("needs 1000000000 credits")
        .contains(before + " remain");
    assertThat(balance()).isEqualTo(before);
    assertThat(messageCount(conversation)).isEqualTo(messages);
  }

  @Test
  void aMessageTheCarrierRefusesIsRefunded() {
    long conversation = inbox.conversationWith(FreshNumbers.us());
    long before = balance();
    inbox.smsc().setRejectSubmitsWith(0x45); // ESME_RSUBMITFAIL: permanent
    try {
      var sent =
          inbox
              .admin()
              .post(
                  "/api/inbox/conversations/" + conversation + "/messages",
                  Map.of("text", "This will bounce"));
      long id = sent.json().get("id").asLong();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> SmsPathIT.status(conversation, id), "FAILED"::equals);
    } finally {
      inbox.smsc().setRejectSubmitsWith(null);
    }
    assertThat(balance()).isEqualTo(before);
    var refund = inbox.admin().get("/api/credits").json().get("entries").get(0);
    assertThat(refund.get("delta").asLong()).isEqualTo(1);
    assertThat(refund.get("reason").asText()).contains("Refund").contains("0x45");
  }

  @Test
  void topUpsAreForTheCrmAloneAndMustBePositive() {
    assertThat(
            inbox
                .crm()
                .post("/api/credits/top-ups", Map.of("amount", 5, "reason", "monthly plan"))
                .status())
        .isEqualTo(201);
    assertThat(inbox.agent().post("/api/credits/top-ups", Map.of("amount", 5)).status())
        .isEqualTo(403);
    // The CRM sells credits: an admin of the inbox cannot add them.
    assertThat(inbox.admin().post("/api/credits/top-ups", Map.of("amount", 5)).status())
        .isEqualTo(403);
    var zero = inbox.crm().post("/api/credits/top-ups", Map.of("amount", 0));
    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.json().get("detail").asText()).contains("amount");
  }

  static long balance() {
    return inbox.admin().get("/api/credits").json().get("balance").asLong();
  }

  static int messageCount(long conversation) {
    return inbox
        .admin()
        .get("/api/inbox/conversations/" + conversation)
        .json()
        .get("messages")
        .size();
  }
}
