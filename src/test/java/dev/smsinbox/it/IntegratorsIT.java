package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smsinbox.adapter.integrations.WebhookVerifier;
import dev.smsinbox.it.Recorder.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Integrators' routes (camel-routes/README.md) as an integrator sees them: the test server loads
 * the shipped examples and the routes of src/test/camel-routes, which post what they get to the
 * {@link Recorder}.
 */
class IntegratorsIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();
  static final Duration PATIENCE = Duration.ofSeconds(30);
  static Recorder recorder;

  @BeforeAll
  static void theRecorder() {
    recorder = Recorder.get();
  }

  @Test
  void everyListenerHearsReceivedSentDeliveredAndConsentEvents() throws Exception {
    String customer = FreshNumbers.us();
    assertThat(inbox.deliver(customer, "Hello integrators")).isZero();

    Request received = awaitRequest("/events/sms.received", r -> r.body().contains(customer));
    JsonNode body = InboxClient.JSON.readTree(received.body());
    assertThat(body.get("from").asText()).isEqualTo(customer);
    assertThat(body.get("to").asText()).isEqualTo(inbox.ourNumber());
    assertThat(body.get("message").get("text").asText()).isEqualTo("Hello integrators");
    assertThat(body.get("message").get("direction").asText()).isEqualTo("INBOUND");
    long conversation = body.get("conversationId").asLong();
    assertThat(received.header("SmsInboxEvent")).isEqualTo("sms.received");
    assertThat(received.header("SmsInboxAttempt")).isEqualTo("1");
    long eventId = Long.parseLong(received.header("SmsInboxEventId"));

    // A second listener of the same event, the shipped webhook example, signed.
    Request webhook =
        awaitRequest("/webhook", r -> "%d".formatted(eventId).equals(r.header("SmsInboxEventId")));
    assertThat(webhook.header("SmsInboxEvent")).isEqualTo("sms.received");
    assertThat(webhook.body()).isEqualTo(received.body());
    assertThat(webhook.header("X-SmsInbox-Signature"))
        .isEqualTo("sha256=" + hmac("it-webhook-secret", webhook.body()));
    assertThat(webhook.header("SmsInboxSigningSecret")).isNull();
    assertThat(webhook.header("SmsInboxSigningSecretPrevious")).isNull();
    assertThat(
            WebhookVerifier.verify(
                webhook.header("X-SmsInbox-Signature-V2"),
                webhook.bytes(),
                "it-webhook-secret",
                Instant.now()))
        .isTrue();

    // The after-hours example tells the chat (the test server opens at 24:00: always after hours).
    Request chat = awaitRequest("/chat", r -> r.body().contains(customer));
    assertThat(InboxClient.JSON.readTree(chat.body()).get("text").asText())
        .isEqualTo(
            "SMS after hours from "
                + customer
                + " to "
                + inbox.ourNumber()
                + ": Hello integrators");

    var reply =
        inbox
            .admin()
            .post("/api/inbox/conversations/" + conversation + "/messages", Map.of("text", "Hi!"));
    assertThat(reply.status()).isEqualTo(202);
    long replyId = reply.json().get("id").asLong();
    Request sent =
        awaitRequest("/events/sms.sent", r -> r.body().contains("\"messageId\":" + replyId));
    assertThat(InboxClient.JSON.readTree(sent.body()).get("status").asText()).isEqualTo("SENT");
    Request delivered =
        awaitRequest("/events/sms.status", r -> r.body().contains("\"messageId\":" + replyId));
    assertThat(InboxClient.JSON.readTree(delivered.body()).get("status").asText())
        .isEqualTo("DELIVERED");
    assertThat(delivered.header("SmsInboxEvent")).isEqualTo("sms.status");

    assertThat(inbox.deliver(customer, "STOP")).isZero();
    Request out = awaitRequest("/events/contact.opted-out", r -> r.body().contains(customer));
    assertThat(InboxClient.JSON.readTree(out.body()).get("keyword").asText()).isEqualTo("STOP");
    assertThat(inbox.deliver(customer, "START")).isZero();
    Request in = awaitRequest("/events/contact.opted-in", r -> r.body().contains(customer));
    assertThat(InboxClient.JSON.readTree(in.body()).get("keyword").asText()).isEqualTo("START");
  }

  @Test
  void anEnrolmentReachesItsListeners() throws Exception {
    String customer = FreshNumbers.us();
    assertThat(inbox.deliver(customer, "Enrol me")).isZero();
    Request received = awaitRequest("/events/sms.received", r -> r.body().contains(customer));
    long conversation = InboxClient.JSON.readTree(received.body()).get("conversationId").asLong();
    long contactId =
        inbox
            .admin()
            .get("/api/inbox/conversations/" + conversation)
            .json()
            .get("contact")
            .get("id")
            .asLong();
    long automationId = inbox.admin().get("/api/automations").json().get(0).get("id").asLong();
    assertThat(
            inbox
                .admin()
                .post(
                    "/api/contacts/" + contactId + "/automations",
                    Map.of("automationId", automationId))
                .status())
        .isEqualTo(201);
    Request enrolled =
        awaitRequest(
            "/events/automation.enrolled", r -> r.body().contains("\"contactId\":" + contactId));
    assertThat(InboxClient.JSON.readTree(enrolled.body()).get("automationId").asLong())
        .isEqualTo(automationId);
  }

  @Test
  void failingAndHangingRoutesDoNotDelayTheCarrierAndEndAsDeadLetters() {
    String customer = FreshNumbers.us();
    long started = System.nanoTime();
    assertThat(inbox.deliver(customer, "FAIL-ME HANG-ME")).isZero();
    Duration ack = Duration.ofNanos(System.nanoTime() - started);
    // The hanging route's time limit is 2 s on the test server, the failing one retries three
    // times.
    assertThat(ack).isLessThan(Duration.ofMillis(1500));

    // The healthy listener is not held up by the broken ones.
    awaitRequest("/events/sms.received", r -> r.body().contains(customer));

    List<Request> attempts =
        await("the failing route is tried three times")
            .atMost(PATIENCE)
            .until(
                () -> recorder.all("/failing", r -> r.body().contains(customer)),
                l -> l.size() >= 3);
    assertThat(attempts.stream().map(r -> r.header("SmsInboxAttempt")))
        .containsExactly("1", "2", "3");
    assertThat(attempts.stream().map(r -> r.header("SmsInboxEventId")).distinct()).hasSize(1);

    for (String route : List.of("it-failing", "it-hanging")) {
      JsonNode letter =
          await("route " + route + " files a dead letter")
              .atMost(PATIENCE)
              .until(() -> deadLetter(route, customer), Objects::nonNull);
      assertThat(letter.get("attempts").asInt()).isEqualTo(3);
      assertThat(letter.get("type").asText()).isEqualTo("message.received");
      assertThat(letter.get("error").asText())
          .contains(route.equals("it-failing") ? "system is down" : "no answer within");
    }
    String metrics = InboxClient.metrics("/metrics?scope=application", true).body();
    assertThat(metrics).contains("integrator_dead_letters").contains("it-failing");
  }

  @Test
  void theKeywordExampleAnswersHours() {
    String customer = FreshNumbers.us();
    assertThat(inbox.deliver(customer, " hours ")).isZero();
    await("the automatic reply reaches the customer")
        .atMost(PATIENCE)
        .until(
            () ->
                inbox.smsc().submissions().stream()
                    .anyMatch(
                        s ->
                            s.to().endsWith(customer.substring(1))
                                && "We are open Monday to Friday, 9:00 to 18:00."
                                    .equals(s.text())));
  }

  @Test
  void theInboundHookTagsAndRecordsADrop() throws Exception {
    String customer = FreshNumbers.us();
    assertThat(inbox.deliver(customer, "please TAG-ME")).isZero();
    Request received = awaitRequest("/events/sms.received", r -> r.body().contains(customer));
    long conversation = InboxClient.JSON.readTree(received.body()).get("conversationId").asLong();
    long contactId =
        inbox
            .admin()
            .get("/api/inbox/conversations/" + conversation)
            .json()
            .get("contact")
            .get("id")
            .asLong();
    await("the hook's tag is on the contact")
        .atMost(PATIENCE)
        .until(
            () -> inbox.admin().get("/api/contacts/" + contactId).json().get("tags").toString(),
            tags -> tags.contains("it-hooked"));

    assertThat(inbox.deliver(customer, "buy now DROP-ME")).isZero();
    Request spam =
        awaitRequest(
            "/events/sms.received",
            r -> r.body().contains(customer) && r.body().contains("DROP-ME"));
    long messageId = InboxClient.JSON.readTree(spam.body()).get("message").get("id").asLong();
    JsonNode answers =
        await("the drop is recorded")
            .atMost(PATIENCE)
            .until(
                () -> inbox.admin().get("/api/integrations/hook-answers/" + messageId).json(),
                a -> a.size() > 0);
    assertThat(answers.get(0).get("drop").asText()).isEqualTo("spam, says the IT filter");
    assertThat(answers.get(0).get("routeId").asText()).isEqualTo("it-inbound-hook");
  }

  @Test
  void aNonAsciiTextsWebhookVerifiesWithTheReadmesRecipeAndNamesItsCharset() throws Exception {
    String customer = FreshNumbers.us();
    String text = "Ciao, è già l'ora? Grüße — 😀";
    assertThat(inbox.deliver(customer, text)).isZero();

    Request webhook = awaitRequest("/webhook", r -> r.body().contains(customer));
    assertThat(webhook.header("Content-Type"))
        .isEqualToIgnoringCase("application/json; charset=utf-8");
    assertThat(InboxClient.JSON.readTree(webhook.bytes()).get("message").get("text").asText())
        .isEqualTo(text);
    String signature = webhook.header("X-SmsInbox-Signature-V2");
    assertThat(signature).contains(",id=" + webhook.header("SmsInboxEventId") + ",");
    assertThat(
            WebhookVerifier.verify(signature, webhook.bytes(), "it-webhook-secret", Instant.now()))
        .isTrue();
    // The same request captured and sent again six minutes later is refused.
    assertThat(
            WebhookVerifier.verify(
                signature,
                webhook.bytes(),
                "it-webhook-secret",
                Instant.now().plus(Duration.ofMinutes(6))))
        .isFalse();
  }

  @Test
  void theOutboundHookVetoesASendWithItsReason() throws Exception {
    String customer = FreshNumbers.us();
    assertThat(inbox.deliver(customer, "Can you send me something?")).isZero();
    Request received = awaitRequest("/events/sms.received", r -> r.body().contains(customer));
    long conversation = InboxClient.JSON.readTree(received.body()).get("conversationId").asLong();

    var refused =
        inbox
            .admin()
            .post(
                "/api/inbox/conversations/" + conversation + "/messages",
                Map.of("text", "Here: VETO-ME"));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("detail").asText())
        .isEqualTo("Blocked by the compliance filter: no VETO-ME texts.");
    var fine =
        inbox
            .admin()
            .post(
                "/api/inbox/conversations/" + conversation + "/messages",
                Map.of("text", "Here you go"));
    assertThat(fine.status()).isEqualTo(202);
  }

  @Test
  void aBrokenFileIsReportedByNameAndTheOthersRun() {
    JsonNode files = inbox.admin().get("/api/integrations").json().get("files");
    JsonNode broken = file(files, "it-broken.camel.yaml");
    assertThat(broken.get("loaded").asBoolean()).isFalse();
    assertThat(broken.get("error").asText()).isNotBlank();
    assertThat(file(files, "it-xml.camel.xml").get("loaded").asBoolean()).isTrue();
    assertThat(file(files, "it-events.camel.yaml").get("routes").toString())
        .contains("it-sms.received");
    String health = InboxClient.anonymous().get("/health/live").body();
    assertThat(health).contains("it-broken.camel.yaml");
  }

  private static JsonNode file(JsonNode files, String name) {
    for (JsonNode f : files) {
      if (f.get("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("No route file " + name + " in " + files);
  }

  private static JsonNode deadLetter(String route, String customer) {
    for (JsonNode letter :
        inbox.admin().get("/api/integrations/dead-letters?route=" + route).json()) {
      if (letter.get("payload").asText().contains(customer)) {
        return letter;
      }
    }
    return null;
  }

  private static Request awaitRequest(String path, java.util.function.Predicate<Request> which) {
    return await("a request on " + path)
        .atMost(PATIENCE)
        .until(() -> recorder.find(path, which).orElse(null), Objects::nonNull);
  }

  private static String hmac(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
