package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18 at the carrier link: one customer's throttled message holds no one else, and a submit
 * whose answer never comes is not sent twice but shown as an unknown outcome an admin can resend.
 */
class OutboxIsolationIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  @Test
  void aMessageTheCarrierThrottlesDoesNotHoldAnotherConversations() {
    String throttled = FreshNumbers.us();
    long x = inbox.conversationWith(throttled);
    long y = inbox.conversationWith(FreshNumbers.us());
    String textX = "Held by the carrier " + System.nanoTime();
    String textY = "Goes meanwhile " + System.nanoTime();
    inbox.smsc().setRejectSubmitsTo(throttled, 0x58); // ESME_RTHROTTLED, for X's number only
    long idX;
    try {
      idX = send(x, textX);
      long idY = send(y, textY);

      await("Y is delivered while X's number is throttled")
          .atMost(Duration.ofSeconds(30))
          .until(() -> SmsPathIT.status(y, idY), "DELIVERED"::equals);
      assertThat(SmsPathIT.status(x, idX)).isEqualTo("QUEUED");
    } finally {
      inbox.smsc().setRejectSubmitsTo(throttled, null);
    }
    await("X goes once the carrier takes it")
        .atMost(Duration.ofSeconds(60))
        .until(() -> SmsPathIT.status(x, idX), "DELIVERED"::equals);
    assertThat(submitsOf(textX)).isEqualTo(1);
  }

  @Test
  void aSubmitWhoseAnswerNeverComesIsNotResentAndShowsTheUnknownOutcome() {
    String customer = FreshNumbers.us();
    long conversation = inbox.conversationWith(customer);
    String text = "Answer lost " + System.nanoTime();
    // Past the server's SMPP_TRANSACTION_MS (10 s): the inbox gives up waiting for the answer.
    inbox.smsc().setSubmitAnswerDelayTo(customer, Duration.ofSeconds(13));
    long id;
    try {
      id = send(conversation, text);
      await("the message shows the unknown outcome")
          .atMost(Duration.ofSeconds(40))
          .until(() -> error(conversation, id), e -> e.startsWith("UNKNOWN_OUTCOME"));
    } finally {
      inbox.smsc().setSubmitAnswerDelayTo(customer, null);
    }
    assertThat(SmsPathIT.status(conversation, id)).isEqualTo("SENT");
    // Rounds keep coming every second: none submits it again.
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> submitsOf(text) == 1);

    // Only an admin may risk a second copy; it is a new message, charged again.
    assertThat(inbox.agent().post("/api/inbox/messages/" + id + "/resend", Map.of()).status())
        .isEqualTo(403);
    var resent = inbox.admin().post("/api/inbox/messages/" + id + "/resend", Map.of());
    assertThat(resent.status()).isEqualTo(202);
    assertThat(resent.json().get("credits").asLong()).isPositive();
    long again = resent.json().get("id").asLong();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> SmsPathIT.status(conversation, again), "DELIVERED"::equals);
    assertThat(submitsOf(text)).isEqualTo(2);
  }

  private static long send(long conversation, String text) {
    var accepted =
        inbox
            .admin()
            .post("/api/inbox/conversations/" + conversation + "/messages", Map.of("text", text));
    assertThat(accepted.status()).isEqualTo(202);
    return accepted.json().get("id").asLong();
  }

  private static String error(long conversation, long messageId) {
    for (JsonNode m :
        inbox.admin().get("/api/inbox/conversations/" + conversation).json().get("messages")) {
      if (m.get("id").asLong() == messageId) {
        return m.path("error").asText("");
      }
    }
    return "";
  }

  private static long submitsOf(String text) {
    return inbox.smsc().submissions().stream().filter(s -> text.equals(s.text())).count();
  }
}
