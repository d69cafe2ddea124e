package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Conversation summaries (F13): one at 10 messages, one at 20, none before. */
class SummaryIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  @Test
  void aSummaryAppearsEveryTenMessages() {
    assertThat(
            inbox
                .admin()
                .put(
                    "/api/settings/inbox",
                    Map.of("draftReply", false, "conversationSummary", true, "urls", List.of()))
                .status())
        .isEqualTo(200);

    String customer = FreshNumbers.us();
    for (int i = 1; i <= 9; i++) {
      assertThat(inbox.deliver(customer, "Message " + i + " about my order.")).isZero();
    }
    long conversation = SmsPathIT.awaitRow(customer).get("id").asLong();
    await("all nine messages are filed")
        .atMost(Duration.ofSeconds(20))
        .until(() -> thread(conversation).get("messages").size() == 9);
    await("no summary at nine messages")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> thread(conversation).get("summaries").isEmpty());

    assertThat(inbox.deliver(customer, "Where is my parcel?")).isZero();
    JsonNode first =
        await("a summary at ten messages")
            .atMost(Duration.ofSeconds(20))
            .until(() -> thread(conversation).get("summaries"), s -> s.size() == 1)
            .get(0);
    assertThat(first.get("messageCount").asInt()).isEqualTo(10);
    assertThat(first.get("text").asText()).contains("Where is my parcel?");
    assertThat(first.get("at").asText()).isNotBlank();

    for (int i = 11; i <= 20; i++) {
      assertThat(inbox.deliver(customer, "Message " + i + ".")).isZero();
    }
    JsonNode summaries =
        await("a second summary at twenty messages")
            .atMost(Duration.ofSeconds(20))
            .until(() -> thread(conversation).get("summaries"), s -> s.size() == 2);
    assertThat(summaries.get(1).get("messageCount").asInt()).isEqualTo(20);
  }

  @Test
  void withTheSwitchOffNoSummaryIsWritten() {
    assertThat(
            inbox.admin().put("/api/settings/inbox", Map.of("conversationSummary", false)).status())
        .isEqualTo(200);
    String customer = FreshNumbers.us();
    for (int i = 1; i <= 10; i++) {
      assertThat(inbox.deliver(customer, "Hello " + i)).isZero();
    }
    long conversation = SmsPathIT.awaitRow(customer).get("id").asLong();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> thread(conversation).get("messages").size() == 10);
    await("no summary while switched off")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> thread(conversation).get("summaries").isEmpty());
  }

  static JsonNode thread(long conversation) {
    return inbox.admin().get("/api/inbox/conversations/" + conversation).json();
  }
}
