package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input gets a clear answer and changes nothing: an SMPP error status for the carrier, a
 * problem+json for the API.
 */
class BadInputIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();
  static long conversation;

  @BeforeAll
  static void aConversation() {
    conversation = inbox.conversationWith(FreshNumbers.us());
  }

  @Test
  void anEmptyReplyIsRefusedAndNothingIsQueued() {
    var answer = reply(Map.of("text", "   "));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("detail").asText()).contains("empty");
    assertThat(messageCount()).isEqualTo(1);
  }

  @Test
  void anOversizeReplyIsRefusedWithTheLimit() {
    var answer = reply(Map.of("text", "x".repeat(153 * 10 + 1)));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("detail").asText()).contains("11 SMS").contains("10");
    assertThat(messageCount()).isEqualTo(1);
  }

  @Test
  void malformedJsonIsA400() {
    var answer =
        inbox.admin().post("/api/inbox/conversations/" + conversation + "/messages", "{\"text\":");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("detail").asText()).contains("JSON");
  }

  @Test
  void aReplyToAConversationThatDoesNotExistIsA404() {
    var answer =
        inbox
            .admin()
            .post("/api/inbox/conversations/987654321/messages", Map.of("text", "anyone?"));
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("detail").asText()).contains("987654321");
  }

  @Test
  void aTamperedCursorIsA400() {
    var answer = inbox.admin().get("/api/inbox/conversations?cursor=not-a-cursor");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("detail").asText()).contains("cursor");
  }

  @Test
  void aLastEventIdTheInboxNeverGaveOutIsA400() {
    var answer =
        inbox
            .admin()
            .get("/api/inbox/events", "Accept", "text/event-stream", "Last-Event-ID", "yesterday");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("detail").asText())
        .contains("Last-Event-ID")
        .contains("'yesterday'")
        .contains("812345-41");
  }

  @Test
  void aSenderThatIsNotAPhoneNumberGetsAnSmppErrorAndIsNotStored() {
    long before = unreadTotal();
    int status =
        inbox.deliverRaw(
            "not a number", (byte) 0, (byte) 0, "hi".getBytes(StandardCharsets.US_ASCII));
    assertThat(status).isEqualTo(0x0A);
    assertThat(unreadTotal()).isEqualTo(before);
  }

  @Test
  void anEmptyDeliverSmGetsAPermanentError() {
    int status = inbox.deliverRaw(FreshNumbers.us().substring(1), (byte) 0, (byte) 0, new byte[0]);
    assertThat(status).isEqualTo(0x65);
  }

  @Test
  void anUnparsableDeliverSmGetsAPermanentError() {
    // UDHI set, but the header claims more bytes than the message has.
    int status =
        inbox.deliverRaw(
            FreshNumbers.us().substring(1),
            (byte) 0,
            (byte) 0x40,
            new byte[] {0x09, 0x00, 0x03, 0x01});
    assertThat(status).isEqualTo(0x65);
  }

  private static InboxClient.Answer reply(Object body) {
    return inbox.admin().post("/api/inbox/conversations/" + conversation + "/messages", body);
  }

  private static int messageCount() {
    JsonNode thread = inbox.admin().get("/api/inbox/conversations/" + conversation).json();
    return thread.get("messages").size();
  }

  private static long unreadTotal() {
    return inbox.admin().get("/api/inbox/unread-count").json().get("unread").asLong();
  }
}
