package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contact panel through the REST API (F8) on the server's plan (Enterprise: every action; the
 * Starter refusals are proven in ContactPanelTest), and the automation event reaching the shipped
 * route in camel-routes/, which the test server points at this test's HTTP server.
 */
class CrmPanelIT {

  /** Where the IT server's automation.enrolled.endpoint posts (see the pom). */
  static final int HOOK_PORT = 9599;

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();
  static final Queue<String> hookBodies = new ConcurrentLinkedQueue<>();
  static HttpServer hook;

  @BeforeAll
  static void webhook() throws IOException {
    hook = HttpServer.create(new InetSocketAddress("127.0.0.1", HOOK_PORT), 0);
    hook.createContext(
        "/automation-enrolled",
        exchange -> {
          hookBodies.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    hook.start();
  }

  @AfterAll
  static void stopWebhook() {
    hook.stop(0);
  }

  /** A fresh contact, created the way the host CRM does it. */
  static long newContact(String firstName) {
    var saved =
        inbox
            .crm()
            .post(
                "/api/contacts",
                Map.of("firstName", firstName, "lastName", "Tester", "phone", FreshNumbers.us()));
    assertThat(saved.status()).isEqualTo(201);
    return saved.json().get("id").asLong();
  }

  @Test
  void theCrmCreatesOrUpdatesAContactByPhone() {
    String phone = FreshNumbers.us();
    var created =
        inbox
            .crm()
            .post("/api/contacts", Map.of("firstName", "Ann", "lastName", "Lee", "phone", phone));
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().get("id").asLong();

    String national = "(415) " + phone.substring(5, 8) + "-" + phone.substring(8);
    var updated =
        inbox.admin().post("/api/contacts", Map.of("phone", national, "email", "ann@example.com"));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("id").asLong()).isEqualTo(id);
    assertThat(updated.json().get("firstName").asText()).as("left out: kept").isEqualTo("Ann");
    assertThat(updated.json().get("email").asText()).isEqualTo("ann@example.com");

    assertThat(inbox.admin().post("/api/contacts", Map.of("phone", "not a phone")).status())
        .isEqualTo(400);
    assertThat(inbox.agent().post("/api/contacts", Map.of("phone", phone)).status()).isEqualTo(403);
    assertThat(inbox.crm().get("/api/contacts/" + id).status())
        .as("the panel is for admins")
        .isEqualTo(403);
  }

  @Test
  void theRecordIsCondensedWithAProfileLinkAndWhatThePlanAllows() {
    long id = newContact("Rita");
    JsonNode record = inbox.admin().get("/api/contacts/" + id).json();
    assertThat(record.get("firstName").asText()).isEqualTo("Rita");
    assertThat(record.get("profileUrl").asText()).isEqualTo("/contacts/" + id);
    assertThat(record.get("plan").asText()).isEqualTo("ENTERPRISE");
    JsonNode allowed = record.get("allowed");
    for (String action : new String[] {"tags", "account", "lists", "automations", "deals"}) {
      assertThat(allowed.get(action).asBoolean()).as(action).isTrue();
    }
    assertThat(record.get("tags")).isEmpty();
    assertThat(record.get("account").isNull()).isTrue();
    assertThat(record.get("optOut").isNull()).isTrue();
    JsonNode newsletter = list(record, "Newsletter");
    assertThat(newsletter.get("state").asText()).isEqualTo("NOT_SUBSCRIBED");

    var unknown = inbox.admin().get("/api/contacts/999999999");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(inbox.admin().get("/api/contacts/abc").status()).isEqualTo(404);
    assertThat(inbox.admin().post("/api/contacts/999999999/tags", Map.of("name", "x")).status())
        .isEqualTo(404);
  }

  @Test
  void tagsAreAddedOnceRegardlessOfCaseAndRemoved() {
    long id = newContact("Tom");
    String name = "Vip " + System.nanoTime();
    var added =
        inbox.admin().post("/api/contacts/" + id + "/tags", Map.of("name", "  " + name + " "));
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.json().get("name").asText()).isEqualTo(name);
    long tagId = added.json().get("id").asLong();

    var again =
        inbox.admin().post("/api/contacts/" + id + "/tags", Map.of("name", name.toUpperCase()));
    assertThat(again.json().get("id").asLong()).isEqualTo(tagId);
    long other = newContact("Uma");
    assertThat(
            inbox
                .admin()
                .post("/api/contacts/" + other + "/tags", Map.of("name", name.toLowerCase()))
                .json()
                .get("id")
                .asLong())
        .as("the same tag for everyone")
        .isEqualTo(tagId);
    assertThat(inbox.admin().get("/api/contacts/" + id).json().get("tags")).hasSize(1);

    assertThat(inbox.admin().delete("/api/contacts/" + id + "/tags/" + tagId).status())
        .isEqualTo(204);
    assertThat(inbox.admin().get("/api/contacts/" + id).json().get("tags")).isEmpty();
    assertThat(inbox.admin().delete("/api/contacts/" + id + "/tags/999999999").status())
        .isEqualTo(404);
    var empty = inbox.admin().post("/api/contacts/" + id + "/tags", Map.of("name", "  "));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().get("detail").asText()).contains("name");
  }

  @Test
  void anAccountIsAttachedByNameOrIdAndDetached() {
    long ann = newContact("Ann");
    String company = "Bakery " + System.nanoTime();
    var attached = inbox.admin().post("/api/contacts/" + ann + "/account", Map.of("name", company));
    assertThat(attached.status()).isEqualTo(200);
    long accountId = attached.json().get("id").asLong();
    assertThat(inbox.admin().get("/api/contacts/" + ann).json().get("account").get("name").asText())
        .isEqualTo(company);

    long bob = newContact("Bob");
    var byId =
        inbox.admin().post("/api/contacts/" + bob + "/account", Map.of("accountId", accountId));
    assertThat(byId.json().get("name").asText()).isEqualTo(company);
    assertThat(
            inbox
                .admin()
                .post("/api/contacts/" + bob + "/account", Map.of("name", company.toUpperCase()))
                .json()
                .get("id")
                .asLong())
        .isEqualTo(accountId);

    assertThat(inbox.admin().delete("/api/contacts/" + ann + "/account").status()).isEqualTo(204);
    assertThat(inbox.admin().get("/api/contacts/" + ann).json().get("account").isNull()).isTrue();
    assertThat(
            inbox
                .admin()
                .post("/api/contacts/" + ann + "/account", Map.of("accountId", 999999999))
                .status())
        .isEqualTo(404);
    assertThat(inbox.admin().post("/api/contacts/" + ann + "/account", Map.of()).status())
        .isEqualTo(400);
  }

  @Test
  void anAdminSubscribesWithAConsentRecordAndUnsubscribes() {
    long id = newContact("Lia");
    long listId =
        list(inbox.admin().get("/api/contacts/" + id).json(), "Newsletter").get("id").asLong();
    var on = inbox.admin().post("/api/contacts/" + id + "/lists", Map.of("listId", listId));
    assertThat(on.status()).isEqualTo(200);
    assertThat(on.json().get("state").asText()).isEqualTo("SUBSCRIBED");
    assertThat(on.json().get("subscribed").get("by").asText()).isEqualTo("admin");
    assertThat(on.json().get("subscribed").get("source").asText()).isEqualTo("inbox");
    assertThat(on.json().get("subscribed").get("at").asText()).isNotBlank();

    JsonNode lists = inbox.admin().get("/api/contacts/" + id + "/lists").json();
    assertThat(list(lists, "Newsletter").get("state").asText()).isEqualTo("SUBSCRIBED");

    var off = inbox.admin().delete("/api/contacts/" + id + "/lists/" + listId);
    assertThat(off.json().get("state").asText()).isEqualTo("UNSUBSCRIBED");
    assertThat(off.json().get("unsubscribed").get("by").asText()).isEqualTo("admin");
    assertThat(
            inbox
                .admin()
                .post("/api/contacts/" + id + "/lists", Map.of("listId", 999999999))
                .status())
        .isEqualTo(404);
    assertThat(inbox.admin().post("/api/contacts/" + id + "/lists", Map.of()).status())
        .isEqualTo(400);
  }

  @Test
  void anEnrolmentIsRecordedAndReachesTheIntegratorsRoute() {
    long id = newContact("Eve");
    JsonNode automations = inbox.admin().get("/api/automations").json();
    assertThat(automations.size()).isGreaterThanOrEqualTo(2);
    long automationId = automations.get(0).get("id").asLong();
    String automationName = automations.get(0).get("name").asText();

    var enrolled =
        inbox
            .admin()
            .post("/api/contacts/" + id + "/automations", Map.of("automationId", automationId));
    assertThat(enrolled.status()).isEqualTo(201);
    assertThat(enrolled.json().get("enrolledBy").asText()).isEqualTo("admin");
    JsonNode record = inbox.admin().get("/api/contacts/" + id).json();
    assertThat(record.get("automations")).hasSize(1);
    assertThat(record.get("automations").get(0).get("name").asText()).isEqualTo(automationName);

    JsonNode event =
        await("the shipped route posts the enrolment to the webhook")
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    hookBodies.stream()
                        .map(CrmPanelIT::json)
                        .filter(j -> j.get("contactId").asLong() == id)
                        .findFirst()
                        .orElse(null),
                java.util.Objects::nonNull);
    assertThat(event.get("automationId").asLong()).isEqualTo(automationId);
    assertThat(event.get("automationName").asText()).isEqualTo(automationName);
    assertThat(event.get("enrolledBy").asText()).isEqualTo("admin");
    assertThat(event.get("enrolledAt").asText()).endsWith("Z");

    var twice =
        inbox
            .admin()
            .post("/api/contacts/" + id + "/automations", Map.of("automationId", automationId));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().get("detail").asText()).contains("already in the automation");
    assertThat(
            inbox
                .admin()
                .post("/api/contacts/" + id + "/automations", Map.of("automationId", 999999999))
                .status())
        .isEqualTo(404);
  }

  @Test
  void dealsAreCreatedAndListedAndBadOnesRefused() {
    long id = newContact("Dan");
    var created =
        inbox
            .admin()
            .post(
                "/api/contacts/" + id + "/deals",
                Map.of(
                    "title",
                    "Gift cards",
                    "value",
                    1200.5,
                    "currency",
                    "eur",
                    "stage",
                    "Proposal"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("currency").asText()).isEqualTo("EUR");
    assertThat(created.json().get("status").asText()).isEqualTo("OPEN");

    JsonNode deals = inbox.admin().get("/api/contacts/" + id + "/deals").json();
    assertThat(deals).hasSize(1);
    assertThat(deals.get(0).get("title").asText()).isEqualTo("Gift cards");
    assertThat(deals.get(0).get("value").decimalValue()).isEqualByComparingTo("1200.5");
    assertThat(deals.get(0).get("stage").asText()).isEqualTo("Proposal");
    assertThat(inbox.admin().get("/api/contacts/" + id).json().get("deals")).hasSize(1);

    Map<String, Object> noTitle = new HashMap<>(Map.of("value", 1, "currency", "USD"));
    assertBadDeal(id, noTitle, "title");
    assertBadDeal(id, Map.of("title", "x", "value", -1, "currency", "USD"), "negative");
    assertBadDeal(id, Map.of("title", "x", "value", 1, "currency", "XYZ"), "ISO 4217");
  }

  @Test
  void stopUnsubscribesConfirmsOnceAndBlocksRepliesUntilStart() {
    String customer = FreshNumbers.us();
    long id =
        inbox
            .crm()
            .post(
                "/api/contacts", Map.of("firstName", "Sam", "lastName", "Stop", "phone", customer))
            .json()
            .get("id")
            .asLong();
    long newsletter =
        list(inbox.admin().get("/api/contacts/" + id).json(), "Newsletter").get("id").asLong();
    inbox.admin().post("/api/contacts/" + id + "/lists", Map.of("listId", newsletter));

    assertThat(inbox.deliver(customer, "Stop.")).isZero();
    long conversation = SmsPathIT.awaitRow(customer).get("id").asLong();
    awaitKeywordEvent(conversation, "Stop.", "OPT_OUT");
    awaitSubmission(customer, "unsubscribed", 1);

    JsonNode record = inbox.admin().get("/api/contacts/" + id).json();
    JsonNode left = list(record, "Newsletter");
    assertThat(left.get("state").asText()).isEqualTo("UNSUBSCRIBED");
    assertThat(left.get("unsubscribed").get("source").asText()).isEqualTo("sms-keyword");
    assertThat(left.get("unsubscribed").get("by").asText()).isEqualTo(customer);
    assertThat(left.get("subscribed").get("by").asText()).as("consent kept").isEqualTo("admin");
    assertThat(record.get("optOut").get("keyword").asText()).isEqualTo("STOP");

    var reply =
        inbox
            .admin()
            .post(
                "/api/inbox/conversations/" + conversation + "/messages",
                Map.of("text", "Sorry to see you go"));
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.json().get("detail").asText())
        .contains("replied STOP on")
        .contains("they must text START to receive messages again");

    var readd = inbox.admin().post("/api/contacts/" + id + "/lists", Map.of("listId", newsletter));
    assertThat(readd.status()).isEqualTo(409);
    assertThat(readd.json().get("detail").asText()).contains("texting START");

    // A second stop word is filed but not confirmed again; HELP is still answered.
    assertThat(inbox.deliver(customer, "QUIT")).isZero();
    awaitKeywordEvent(conversation, "QUIT", "OPT_OUT");
    assertThat(inbox.deliver(customer, "help")).isZero();
    awaitKeywordEvent(conversation, "help", "HELP");
    awaitSubmission(customer, "Msg&data rates may apply", 1);
    assertThat(submissionsTo(customer, "unsubscribed")).isEqualTo(1);

    assertThat(inbox.deliver(customer, "START")).isZero();
    awaitKeywordEvent(conversation, "START", "OPT_IN");
    awaitSubmission(customer, "subscribed again", 1);
    JsonNode back = list(inbox.admin().get("/api/contacts/" + id).json(), "Newsletter");
    assertThat(back.get("state").asText()).isEqualTo("SUBSCRIBED");
    assertThat(back.get("subscribed").get("source").asText()).isEqualTo("sms-keyword");
    assertThat(inbox.admin().get("/api/contacts/" + id).json().get("optOut").isNull()).isTrue();
    assertThat(
            inbox
                .admin()
                .post(
                    "/api/inbox/conversations/" + conversation + "/messages",
                    Map.of("text", "Welcome back!"))
                .status())
        .isEqualTo(202);
  }

  @Test
  void textsThatMerelyMentionAKeywordChangeNothing() {
    String customer = FreshNumbers.us();
    assertThat(inbox.deliver(customer, "please don't stop")).isZero();
    long conversation = SmsPathIT.awaitRow(customer).get("id").asLong();
    JsonNode message = messageWithText(conversation, "please don't stop");
    assertThat(message.get("keywordEvent").isNull()).isTrue();
    assertThat(
            inbox
                .admin()
                .post(
                    "/api/inbox/conversations/" + conversation + "/messages",
                    Map.of("text", "We won't!"))
                .status())
        .isEqualTo(202);
    assertThat(inbox.deliver(customer, "Can you help me with my order?")).isZero();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> messageWithText(conversation, "Can you help me with my order?") != null);
    assertThat(
            messageWithText(conversation, "Can you help me with my order?")
                .get("keywordEvent")
                .isNull())
        .isTrue();
  }

  @Test
  void infoAnswersTheHelpText() {
    String customer = FreshNumbers.us();
    assertThat(inbox.deliver(customer, "Info?")).isZero();
    long conversation = SmsPathIT.awaitRow(customer).get("id").asLong();
    awaitKeywordEvent(conversation, "Info?", "HELP");
    awaitSubmission(customer, "Reply STOP to unsubscribe", 1);
  }

  // Helpers

  private static void assertBadDeal(long id, Map<String, Object> body, String detail) {
    var refused = inbox.admin().post("/api/contacts/" + id + "/deals", body);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("detail").asText()).contains(detail);
  }

  static JsonNode list(JsonNode recordOrLists, String name) {
    JsonNode lists = recordOrLists.has("lists") ? recordOrLists.get("lists") : recordOrLists;
    for (JsonNode l : lists) {
      if (name.equals(l.get("name").asText())) {
        return l;
      }
    }
    throw new AssertionError("No list " + name + " in " + lists);
  }

  static JsonNode messageWithText(long conversation, String text) {
    for (JsonNode m :
        inbox.admin().get("/api/inbox/conversations/" + conversation).json().get("messages")) {
      if (text.equals(m.get("text").asText())) {
        return m;
      }
    }
    return null;
  }

  static void awaitKeywordEvent(long conversation, String text, String event) {
    await(text + " is filed as " + event)
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              for (JsonNode m :
                  inbox
                      .admin()
                      .get("/api/inbox/conversations/" + conversation)
                      .json()
                      .get("messages")) {
                if (text.equals(m.get("text").asText())
                    && event.equals(m.get("keywordEvent").asText())) {
                  return true;
                }
              }
              return false;
            });
  }

  static long submissionsTo(String customer, String textPart) {
    return inbox.smsc().submissions().stream()
        .filter(s -> s.to().endsWith(customer.substring(1)) && s.text().contains(textPart))
        .count();
  }

  static void awaitSubmission(String customer, String textPart, int count) {
    await("the carrier receives " + count + " text(s) with '" + textPart + "'")
        .atMost(Duration.ofSeconds(20))
        .until(() -> submissionsTo(customer, textPart), n -> n == count);
  }

  private static JsonNode json(String body) {
    try {
      return InboxClient.JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
