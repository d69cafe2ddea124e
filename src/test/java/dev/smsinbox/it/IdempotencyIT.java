package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CRM and the admin retry a send with its Idempotency-Key (CONTRACT.md "Idempotent writes"):
 * the customer gets the SMS once, and the retry gets the first answer again.
 */
class IdempotencyIT {

  static final InboxClient crm = InboxClient.crm();
  static final InboxClient admin = InboxClient.admin();
  static final ExecutorService clients = Executors.newFixedThreadPool(8);
  @RegisterExtension static final InboxExtension inbox = new InboxExtension();
  static String ourNumber;

  @BeforeAll
  static void ourNumber() {
    ourNumber = inbox.ourNumber();
  }

  @AfterAll
  static void stopClients() {
    clients.shutdownNow();
  }

  @Test
  void aCrmSmsSentTwiceWithOneKeyReachesTheCustomerOnceAndIsAnsweredTheSame() {
    String customer = FreshNumbers.us();
    String text = "Your table is booked for 8 pm " + UUID.randomUUID();
    String key = UUID.randomUUID().toString();

    InboxClient.Answer first = crm.post("/api/sms/messages", campaign(customer, text), with(key));
    InboxClient.Answer retry = crm.post("/api/sms/messages", campaign(customer, text), with(key));

    assertThat(first.status()).isEqualTo(202);
    assertThat(retry.status()).isEqualTo(202);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(outbound(customer, text)).isEqualTo(1);
    awaitSubmitted(customer, text);
    assertThat(submitted(customer, text)).isEqualTo(1);
  }

  @Test
  void anAdminsReplyRetriedWithItsKeyIsSentAndPaidForOnce() {
    String customer = FreshNumbers.us();
    long conversation = inbox.conversationWith(customer);
    String text = "We open at nine " + UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    long before = balance();
    String path = "/api/inbox/conversations/" + conversation + "/messages";

    InboxClient.Answer first = admin.post(path, Map.of("text", text), with(key));
    InboxClient.Answer retry = admin.post(path, Map.of("text", text), with(key));

    assertThat(first.status()).isEqualTo(202);
    assertThat(first.json().get("credits").asLong()).isEqualTo(1);
    assertThat(retry.status()).isEqualTo(202);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(balance()).isEqualTo(before - 1);
    assertThat(outbound(customer, text)).isEqualTo(1);
    awaitSubmitted(customer, text);
    assertThat(submitted(customer, text)).isEqualTo(1);
  }

  @Test
  void theSameKeyWithAnotherBodyIs422AndSendsNothing() {
    String customer = FreshNumbers.us();
    String key = UUID.randomUUID().toString();
    assertThat(crm.post("/api/sms/messages", campaign(customer, "First offer"), with(key)).status())
        .isEqualTo(202);

    InboxClient.Answer other =
        crm.post("/api/sms/messages", campaign(customer, "Second offer"), with(key));

    assertThat(other.status()).isEqualTo(422);
    assertThat(other.contentType()).startsWith("application/problem+json");
    assertThat(other.json().get("detail").asText())
        .contains("Idempotency-Key was used")
        .contains("another request");
    assertThat(outbound(customer, "Second offer")).isZero();

    // A reply's key is its conversation's too: the same text to another conversation is another.
    long one = inbox.conversationWith(FreshNumbers.us());
    long two = inbox.conversationWith(FreshNumbers.us());
    String replyKey = UUID.randomUUID().toString();
    Map<String, String> reply = Map.of("text", "Thanks!");
    assertThat(
            admin
                .post("/api/inbox/conversations/" + one + "/messages", reply, with(replyKey))
                .status())
        .isEqualTo(202);
    assertThat(
            admin
                .post("/api/inbox/conversations/" + two + "/messages", reply, with(replyKey))
                .status())
        .isEqualTo(422);
  }

  @Test
  void requestsWithOneKeyAtTheSameTimeSendOnce() throws Exception {
    String customer = FreshNumbers.us();
    String text = "Flash sale ends at midnight " + UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<InboxClient.Answer>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  go.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return crm.post("/api/sms/messages", campaign(customer, text), with(key));
              },
              clients));
    }
    go.countDown();
    List<InboxClient.Answer> all = new ArrayList<>();
    for (CompletableFuture<InboxClient.Answer> answer : answers) {
      all.add(answer.get(60, TimeUnit.SECONDS));
    }

    // Each is the answer, given once and again, or "in progress" while the first was carried out.
    assertThat(all)
        .extracting(InboxClient.Answer::status)
        .containsAnyOf(202)
        .allMatch(s -> s == 202 || s == 409);
    List<String> accepted =
        all.stream().filter(a -> a.status() == 202).map(InboxClient.Answer::body).toList();
    assertThat(accepted).containsOnly(accepted.get(0));
    all.stream()
        .filter(a -> a.status() == 409)
        .forEach(
            busy -> {
              assertThat(busy.contentType()).startsWith("application/problem+json");
              assertThat(busy.header("Retry-After")).isEqualTo("1");
            });
    assertThat(outbound(customer, text)).isEqualTo(1);
    awaitSubmitted(customer, text);
    assertThat(submitted(customer, text)).isEqualTo(1);
  }

  @Test
  void aBatchSentAgainWithItsKeyAfterItWentOutSendsNothingMore() {
    List<String> to = List.of(FreshNumbers.us(), FreshNumbers.us(), FreshNumbers.us());
    String text = "Members' evening on Friday " + UUID.randomUUID();
    Map<String, Object> batch =
        Map.of(
            "from",
            ourNumber,
            "text",
            text,
            "origin",
            Map.of("type", "CAMPAIGN", "id", "c-42", "name", "Members' evening"),
            "to",
            to);
    String key = UUID.randomUUID().toString();

    InboxClient.Answer first = crm.post("/api/sms/batches", batch, with(key));
    assertThat(first.status()).isEqualTo(202);
    assertThat(first.json().get("queued").asInt()).isEqualTo(3);
    to.forEach(customer -> awaitSubmitted(customer, text));

    InboxClient.Answer again = crm.post("/api/sms/batches", batch, with(key));

    assertThat(again.status()).isEqualTo(202);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    for (String customer : to) {
      assertThat(outbound(customer, text)).as(customer).isEqualTo(1);
      assertThat(submitted(customer, text)).as(customer).isEqualTo(1);
    }
  }

  @Test
  void aKeyThatIsNoKeyIsRefusedSayingWhatOneIs() {
    InboxClient.Answer answer =
        crm.post("/api/sms/messages", campaign(FreshNumbers.us(), "Hi"), with("x".repeat(300)));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("detail").asText())
        .contains("Idempotency-Key must be 1 to 255 printable ASCII characters");
  }

  private static Map<String, String> with(String key) {
    return Map.of("Idempotency-Key", key);
  }

  private static Map<String, Object> campaign(String to, String text) {
    return Map.of(
        "to",
        to,
        "from",
        ourNumber,
        "text",
        text,
        "origin",
        Map.of("type", "CAMPAIGN", "id", "c-7", "name", "Autumn offers"));
  }

  private static long balance() {
    return admin.get("/api/credits").json().get("balance").asLong();
  }

  /** Outbound messages with the text in the customer's conversation: what the outbox will send. */
  private static long outbound(String customer, String text) {
    JsonNode items =
        admin
            .get("/api/inbox/conversations?q=" + customer.substring(customer.length() - 7))
            .json()
            .get("items");
    long count = 0;
    for (JsonNode item : items) {
      if (!customer.equals(item.get("contact").get("phone").asText())) {
        continue;
      }
      for (JsonNode m :
          admin.get("/api/inbox/conversations/" + item.get("id").asLong()).json().get("messages")) {
        if ("OUTBOUND".equals(m.get("direction").asText()) && text.equals(m.get("text").asText())) {
          count++;
        }
      }
    }
    return count;
  }

  private static long submitted(String customer, String text) {
    return inbox.smsc().submissions().stream()
        .filter(s -> s.to().endsWith(customer.substring(1)) && text.equals(s.text()))
        .count();
  }

  private static void awaitSubmitted(String customer, String text) {
    await("the SMSC receives '" + text + "' for " + customer)
        .atMost(Duration.ofSeconds(30))
        .until(() -> submitted(customer, text) >= 1);
  }
}
