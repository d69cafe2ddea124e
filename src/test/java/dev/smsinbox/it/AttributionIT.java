package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The host CRM sends campaign and automated SMS through the inbox; a customer's reply says which of
 * them it answered, and when that was sent.
 */
class AttributionIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  @Test
  void aReplyIsAttributedToTheLatestCampaignOrAutomatedSms() {
    String customer = FreshNumbers.us();
    var campaign = send(customer, "CAMPAIGN", "c-77", "Spring sale", "Spring sale: 20% off!");
    assertThat(campaign.status()).isEqualTo(202);
    assertThat(campaign.json().get("status").asText()).isEqualTo("QUEUED");
    var automated =
        send(customer, "AUTOMATION", "a-3", "Order shipped", "Your order is on its way.");
    assertThat(automated.status()).isEqualTo(202);
    long conversation = SmsPathIT.awaitRow(customer).get("id").asLong();
    // An inbox reply in between is not what customers answer.
    assertThat(
            inbox
                .admin()
                .post(
                    "/api/inbox/conversations/" + conversation + "/messages",
                    Map.of("text", "Any questions?"))
                .status())
        .isEqualTo(202);

    assertThat(inbox.deliver(customer, "Where is it now?")).isZero();

    JsonNode reply = lastInbound(conversation, "Where is it now?");
    JsonNode inReplyTo = reply.get("inReplyTo");
    assertThat(inReplyTo.get("id").asLong()).isEqualTo(automated.json().get("id").asLong());
    assertThat(inReplyTo.get("origin").get("type").asText()).isEqualTo("AUTOMATION");
    assertThat(inReplyTo.get("origin").get("name").asText()).isEqualTo("Order shipped");
    assertThat(inReplyTo.get("at").asText()).isEqualTo(automated.json().get("at").asText());
  }

  @Test
  void aReplyToNoTrackedMessageAnswersNothing() {
    String customer = FreshNumbers.us();
    assertThat(inbox.deliver(customer, "Hello out of the blue")).isZero();
    long conversation = SmsPathIT.awaitRow(customer).get("id").asLong();
    assertThat(lastInbound(conversation, "Hello out of the blue").get("inReplyTo").isNull())
        .isTrue();
  }

  @Test
  void aCampaignBatchSkipsWhatCannotBeSentAndSaysWhy() {
    String first = FreshNumbers.us();
    String second = FreshNumbers.us();
    var batch =
        inbox
            .crm()
            .post(
                "/api/sms/batches",
                Map.of(
                    "from",
                    inbox.ourNumber(),
                    "text",
                    "Flash sale tonight",
                    "origin",
                    Map.of("type", "CAMPAIGN", "id", "c-9", "name", "Flash sale"),
                    "to",
                    List.of(first, "not a number", second)));
    assertThat(batch.status()).isEqualTo(202);
    JsonNode result = batch.json();
    assertThat(result.get("queued").asInt()).isEqualTo(2);
    assertThat(result.get("skipped").asInt()).isEqualTo(1);
    assertThat(result.get("recipients").get(1).get("skipped").asText())
        .contains("not a phone number");
  }

  @Test
  void onlyTheCrmSendsCampaignsAndTheOriginIsRequired() {
    var byAdmin =
        inbox
            .admin()
            .post(
                "/api/sms/messages",
                Map.of(
                    "to",
                    FreshNumbers.us(),
                    "text",
                    "hi",
                    "origin",
                    Map.of("type", "CAMPAIGN", "id", "c", "name", "n")));
    assertThat(byAdmin.status()).isEqualTo(403);
    var noOrigin =
        inbox.crm().post("/api/sms/messages", Map.of("to", FreshNumbers.us(), "text", "hi"));
    assertThat(noOrigin.status()).isEqualTo(400);
    assertThat(noOrigin.json().get("detail").asText()).contains("origin");
  }

  static InboxClient.Answer send(String to, String type, String id, String name, String text) {
    return inbox
        .crm()
        .post(
            "/api/sms/messages",
            Map.of(
                "to",
                to,
                "from",
                inbox.ourNumber(),
                "text",
                text,
                "origin",
                Map.of("type", type, "id", id, "name", name)));
  }

  /** The customer's message once it is filed (moments after the carrier's acknowledgement). */
  static JsonNode lastInbound(long conversation, String text) {
    return await("inbound message '" + text + "' is filed")
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JsonNode found = null;
              for (JsonNode m :
                  inbox
                      .admin()
                      .get("/api/inbox/conversations/" + conversation)
                      .json()
                      .get("messages")) {
                if ("INBOUND".equals(m.get("direction").asText())
                    && text.equals(m.get("text").asText())) {
                  found = m;
                }
              }
              return found;
            },
            Objects::nonNull);
  }
}
