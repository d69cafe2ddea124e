package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole path: a customer's SMS from the carrier reaches the inbox, the admin's reply reaches
 * the carrier, turns SENT with the SMSC's id and DELIVERED when the receipt comes back.
 */
class SmsPathIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  @Test
  void customerTextReachesTheInboxAndTheReplyIsDelivered() {
    String customer = FreshNumbers.us();
    String text = "Hi! Is the €20 voucher valid on Sunday? 🙂 ñ @ £";

    assertThat(inbox.deliver(customer, text)).isZero();

    JsonNode row = awaitRow(customer);
    assertThat(row.get("contact").get("phone").asText()).isEqualTo(customer);
    assertThat(row.get("lastMessage").get("text").asText()).isEqualTo(text);
    assertThat(row.get("lastMessage").get("direction").asText()).isEqualTo("INBOUND");
    assertThat(row.get("unreadCount").asInt()).isEqualTo(1);
    long conversation = row.get("id").asLong();

    JsonNode thread = inbox.admin().get("/api/inbox/conversations/" + conversation).json();
    JsonNode inbound = thread.get("messages").get(0);
    assertThat(inbound.get("text").asText()).isEqualTo(text);
    assertThat(inbound.get("status").asText()).isEqualTo("RECEIVED");
    assertThat(inbound.get("encoding").asText()).isEqualTo("UCS2");

    inbox.smsc().setReceiptDelay(Duration.ofSeconds(3));
    String reply = "Yes, all weekend. See you {soon}!";
    var accepted =
        inbox
            .admin()
            .post("/api/inbox/conversations/" + conversation + "/messages", Map.of("text", reply));
    assertThat(accepted.status()).isEqualTo(202);
    JsonNode queued = accepted.json();
    assertThat(queued.get("status").asText()).isEqualTo("QUEUED");
    assertThat(queued.get("encoding").asText()).isEqualTo("GSM7");
    assertThat(queued.get("segments").asInt()).isEqualTo(1);
    long replyId = queued.get("id").asLong();

    await("the SMSC receives the reply")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                inbox.smsc().submissions().stream()
                    .anyMatch(
                        s -> s.to().endsWith(customer.substring(1)) && reply.equals(s.text())));
    var submission =
        inbox.smsc().submissions().stream()
            .filter(s -> reply.equals(s.text()))
            .findFirst()
            .orElseThrow();
    assertThat(submission.from()).endsWith(inbox.ourNumber().substring(1));
    assertThat(submission.pdus().get(0).dataCoding()).isEqualTo((byte) 0);
    assertThat(submission.pdus().get(0).registeredDelivery() & 1).isEqualTo(1);

    await("the reply turns SENT")
        .atMost(Duration.ofSeconds(10))
        .until(() -> status(conversation, replyId), s -> s.equals("SENT") || s.equals("DELIVERED"));
    await("the receipt makes it DELIVERED")
        .atMost(Duration.ofSeconds(20))
        .until(() -> status(conversation, replyId), "DELIVERED"::equals);
  }

  @Test
  void aLongReplyGoesAsConcatenatedPartsAndIsDeliveredWhenAllAre() {
    String customer = FreshNumbers.us();
    assertThat(inbox.deliver(customer, "Tell me everything")).isZero();
    long conversation = awaitRow(customer).get("id").asLong();

    String reply = "Here is the whole story. ".repeat(12).strip();
    JsonNode queued =
        inbox
            .admin()
            .post("/api/inbox/conversations/" + conversation + "/messages", Map.of("text", reply))
            .json();
    assertThat(queued.get("segments").asInt()).isEqualTo(2);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> status(conversation, queued.get("id").asLong()), "DELIVERED"::equals);
    var submission =
        inbox.smsc().submissions().stream()
            .filter(s -> reply.equals(s.text()))
            .findFirst()
            .orElseThrow();
    assertThat(submission.parts()).isEqualTo(2);
    assertThat(submission.messageIds()).hasSize(2);
  }

  @Test
  void aLongInboundTextArrivesWhole() {
    String customer = FreshNumbers.us();
    String text = "Привет! Это длинное сообщение. ".repeat(5) + "😀 end";
    assertThat(inbox.deliver(customer, text)).isZero();
    JsonNode row = awaitRow(customer);
    assertThat(row.get("lastMessage").get("text").asText()).isEqualTo(text);
  }

  static JsonNode awaitRow(String customer) {
    String digits = customer.substring(customer.length() - 7);
    return await("the conversation with " + customer + " is listed")
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JsonNode items =
                  inbox.admin().get("/api/inbox/conversations?q=" + digits).json().get("items");
              for (JsonNode item : items) {
                if (customer.equals(item.get("contact").get("phone").asText())) {
                  return item;
                }
              }
              return null;
            },
            java.util.Objects::nonNull);
  }

  static String status(long conversation, long messageId) {
    for (JsonNode m :
        inbox.admin().get("/api/inbox/conversations/" + conversation).json().get("messages")) {
      if (m.get("id").asLong() == messageId) {
        return m.get("status").asText();
      }
    }
    return "MISSING";
  }
}
