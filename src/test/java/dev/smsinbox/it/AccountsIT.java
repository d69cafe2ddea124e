package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Accounts (CONTRACT "Accounts (tenants)"): two CRM accounts on one deployment and one carrier
 * link, each signed in by the host CRM's tokens. Every resource answers each kind of caller as the
 * contract says, another account's ids are not found, and nothing of one account is in the other's
 * answers — lists, search, numbers, credits, audit, settings, the live stream.
 */
class AccountsIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  static final HostCrmTokens CRM = HostCrmTokens.ofTheTestServers();

  /** Fresh accounts for each run: the servers' databases outlive one test class. */
  static final String A = "it-a-" + UUID.randomUUID().toString().substring(0, 8);

  static final String B = "it-b-" + UUID.randomUUID().toString().substring(0, 8);

  static InboxClient adminA;
  static InboxClient adminB;
  static InboxClient crmA;
  static InboxClient salesA;
  static String numberA;
  static String numberB;
  static String customer;
  static long conversationA;
  static long conversationB;
  static long contactA;
  static long replyA;

  @BeforeAll
  static void twoAccountsWithTheSameCustomer() {
    adminA = InboxClient.bearer(adminTokenOf(A));
    adminB =
        InboxClient.bearer(
            CRM.admin().set("account", B).set("sub", "crm-user-9").set("name", "Bo Admin").sign());
    crmA =
        InboxClient.bearer(
            CRM.admin()
                .set("account", A)
                .set("sub", "crm-service-1")
                .set("name", "The CRM")
                .set("groups", List.of("crm-service"))
                .sign());
    salesA =
        InboxClient.bearer(CRM.admin().set("account", A).set("groups", List.of("sales")).sign());

    numberA = FreshNumbers.us();
    numberB = FreshNumbers.us();
    assertThat(adminA.post("/api/numbers", InboxClient.twoWayNumber(numberA)).status())
        .isEqualTo(201);
    assertThat(adminB.post("/api/numbers", InboxClient.twoWayNumber(numberB)).status())
        .isEqualTo(201);
    assertThat(crmA.post("/api/credits/top-ups", Map.of("amount", 100, "reason", "A's plan")))
        .extracting(InboxClient.Answer::status)
        .isEqualTo(201);

    // One customer texts both accounts' numbers over the one carrier link.
    customer = FreshNumbers.us();
    assertThat(inbox.smsc().deliver(customer, numberA, "Hello A")).isZero();
    assertThat(inbox.smsc().deliver(customer, numberB, "Hello B")).isZero();
    JsonNode rowA = awaitRow(adminA, customer);
    JsonNode rowB = awaitRow(adminB, customer);
    conversationA = rowA.get("id").asLong();
    conversationB = rowB.get("id").asLong();
    contactA = rowA.get("contact").get("id").asLong();

    var reply =
        adminA.post("/api/inbox/conversations/" + conversationA + "/messages", text("Hi from A"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    replyA = reply.json().get("id").asLong();
  }

  @Test
  void anotherAccountsIdsAreNotFoundAndNothingOfThemChanges() {
    String conversation = "/api/inbox/conversations/" + conversationA;
    String contact = "/api/contacts/" + contactA;
    List<InboxClient.Answer> answers = new ArrayList<>();
    answers.add(adminB.get(conversation));
    answers.add(adminB.post(conversation + "/messages", text("From B into A's thread")));
    answers.add(adminB.post(conversation + "/read", Map.of()));
    answers.add(adminB.post(conversation + "/unread", Map.of()));
    answers.add(adminB.post(conversation + "/draft-reply", Map.of()));
    answers.add(adminB.post("/api/inbox/messages/" + replyA + "/resend", Map.of()));
    answers.add(adminB.delete("/api/inbox/messages/" + replyA));
    answers.add(adminB.get(contact));
    answers.add(adminB.post(contact + "/tags", Map.of("name", "B was here")));
    answers.add(adminB.post(contact + "/account", Map.of("name", "B Corp")));
    answers.add(adminB.get(contact + "/lists"));
    answers.add(adminB.get(contact + "/deals"));
    answers.add(
        adminB.post(
            contact + "/deals", Map.of("title", "B's deal", "value", 5, "currency", "USD")));
    answers.add(adminB.delete(contact));
    answers.add(adminB.post(contact + "/restore", Map.of()));
    answers.add(
        adminB.post(
            "/api/inbox/compose/preview", Map.of("text", "Hi", "conversationId", conversationA)));

    assertThat(answers)
        .allSatisfy(
            a -> {
              assertThat(a.status()).as(a.body()).isEqualTo(404);
              assertThat(a.contentType()).startsWith("application/problem+json");
              assertThat(a.body()).doesNotContain("Hello A", "Hi from A");
            });
    var thread = adminA.get(conversation);
    assertThat(thread.status()).isEqualTo(200);
    assertThat(thread.body())
        .contains("Hello A", "Hi from A")
        .doesNotContain("From B into A's thread");
    var record = adminA.get(contact).json();
    assertThat(record.get("tags").toString()).doesNotContain("B was here");
    assertThat(record.get("account").isNull()).isTrue();
  }

  @Test
  void eachAccountsListsSearchNumbersCreditsAuditAndBadgeHoldOnlyItsOwn() {
    var listA = adminA.get("/api/inbox/conversations?limit=100").body();
    var listB = adminB.get("/api/inbox/conversations?limit=100").body();
    // The other test may have texted more since: each sees its own words, never the other's.
    assertThat(listA).contains(customer).doesNotContain("Hello B", "only for B");
    assertThat(listB).contains(customer).doesNotContain("Hello A", "Hi from A", "only for A");
    var searchB = adminB.get("/api/inbox/conversations?q=" + customer.substring(1)).json();
    assertThat(searchB.get("items")).hasSize(1);
    assertThat(searchB.get("items").get(0).get("id").asLong()).isEqualTo(conversationB);
    // The same phone is a contact of each account, once in each.
    assertThat(searchB.get("items").get(0).get("contact").get("id").asLong())
        .isNotEqualTo(contactA);

    assertThat(adminA.get("/api/numbers").body()).contains(numberA).doesNotContain(numberB);
    assertThat(adminB.get("/api/numbers").body()).contains(numberB).doesNotContain(numberA);

    var creditsA = adminA.get("/api/credits").json();
    var creditsB = adminB.get("/api/credits").json();
    assertThat(creditsA.get("balance").asLong()).isEqualTo(99); // 100, less the reply
    assertThat(creditsB.get("balance").asLong()).isZero();
    assertThat(creditsB.get("entries")).isEmpty();

    var auditA = adminA.get("/api/audit").json();
    var auditB = adminB.get("/api/audit").json();
    assertThat(auditA.toString()).contains(numberA, "credits.topped-up").doesNotContain(numberB);
    assertThat(auditB.toString()).contains(numberB).doesNotContain(numberA, "topped-up");
    JsonNode topUp = entry(auditA, "credits.topped-up");
    assertThat(topUp.get("actor").get("id").asText()).isEqualTo("crm-service-1");
    assertThat(topUp.get("actor").get("name").asText()).isEqualTo("The CRM");

    assertThat(adminB.get("/api/inbox/unread-count").json().get("unread").asLong())
        .isEqualTo(unreadIn(adminB));
  }

  @Test
  void aReplyCarriesWhoSentIt() {
    JsonNode messages =
        adminA.get("/api/inbox/conversations/" + conversationA).json().get("messages");
    JsonNode reply = null;
    for (JsonNode m : messages) {
      if (m.get("id").asLong() == replyA) {
        reply = m;
      }
    }
    assertThat(reply).isNotNull();
    assertThat(reply.get("text").asText()).isEqualTo("Hi from A");
    assertThat(reply.get("sentBy").get("id").asText()).isEqualTo("crm-user-7");
    assertThat(reply.get("sentBy").get("name").asText()).isEqualTo("Dana Admin");
    JsonNode theirs = messages.get(0).path("sentBy"); // the customer's own text
    assertThat(theirs.isNull() || theirs.isMissingNode()).isTrue();
  }

  @Test
  void theCrmErasesItsOwnContactsHistoryAndNoOtherAccounts() {
    String leaving = FreshNumbers.us();
    assertThat(inbox.smsc().deliver(leaving, numberA, "erase me")).isZero();
    JsonNode row = awaitRow(adminA, leaving);
    String conversation = "/api/inbox/conversations/" + row.get("id").asLong();
    String contact = "/api/contacts/" + row.get("contact").get("id").asLong();
    InboxClient crmB =
        InboxClient.bearer(
            CRM.admin().set("account", B).set("groups", List.of("crm-service")).sign());

    assertThat(crmB.delete(contact).status()).isEqualTo(404);
    assertThat(adminA.get(conversation).body()).contains("erase me");

    assertThat(crmA.delete(contact).status()).isEqualTo(204);
    assertThat(adminA.get(conversation).status()).isEqualTo(404);
    JsonNode deleted = entry(adminA.get("/api/audit").json(), "contact.deleted");
    assertThat(deleted.get("actor").get("name").asText()).isEqualTo("The CRM");
    assertThat(deleted.toString()).doesNotContain("erase me");
  }

  @Test
  void aNumberBelongsToOneAccount() {
    var taken = adminB.post("/api/numbers", InboxClient.twoWayNumber(numberA));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json().get("detail").asText()).contains("another account");
    assertThat(adminB.get("/api/numbers").body()).doesNotContain(numberA);
    assertThat(adminA.get("/api/numbers").body()).contains(numberA);
  }

  @Test
  void settingsAreTheAccountsOwn() {
    Map<String, Object> settings = InboxSettingsIT.settings(false, false);
    settings.put("brandKit", Map.of("brandName", "Brand of " + A, "signOff", "- A"));
    var saved = adminA.put("/api/settings/inbox", settings);
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(adminA.get("/api/settings/inbox").body()).contains("Brand of " + A);
    assertThat(adminB.get("/api/settings/inbox").body()).doesNotContain("Brand of " + A);
    assertThat(entry(adminA.get("/api/audit").json(), "settings.saved").get("actor").get("name"))
        .hasToString("\"Dana Admin\"");
  }

  /**
   * The authorisation matrix: each resource of the contract, as anonymous, a person without the
   * admin group, the CRM's service and an admin of the wrong role answer; none of the refusals
   * changes anything (they are checked before any work).
   */
  @Test
  void everyResourceAnswersEachKindOfCallerAsTheContractSays() {
    String conversation = "/api/inbox/conversations/" + conversationA;
    String contact = "/api/contacts/" + contactA;
    String admin = "admin";
    String adminOrCrm = "admin or crm-service";
    String crmOnly = "crm-service";
    List<Call> calls =
        List.of(
            new Call("GET", "/api/inbox/conversations", null, admin),
            new Call("GET", conversation, null, admin),
            new Call("POST", conversation + "/messages", text("x"), admin),
            new Call("POST", conversation + "/read", Map.of(), admin),
            new Call("POST", conversation + "/unread", Map.of(), admin),
            new Call("POST", conversation + "/draft-reply", Map.of(), admin),
            new Call("GET", "/api/inbox/unread-count", null, admin),
            new Call("GET", "/api/inbox/events", null, admin),
            new Call("POST", "/api/inbox/compose/preview", text("x"), admin),
            new Call("POST", "/api/inbox/messages/" + replyA + "/resend", Map.of(), admin),
            new Call("GET", "/api/inbox/unrouted", null, admin),
            new Call("GET", "/api/settings/inbox", null, admin),
            new Call("PUT", "/api/settings/inbox", Map.of(), admin),
            new Call("GET", "/api/settings/crm", null, admin),
            new Call("PUT", "/api/settings/crm", Map.of("connector", "embedded"), admin),
            new Call("GET", "/api/settings/quiet-hours", null, admin),
            new Call("PUT", "/api/settings/quiet-hours", Map.of("enabled", false), admin),
            new Call("GET", "/api/snippets", null, admin),
            new Call("POST", "/api/snippets", Map.of("name", "x", "text", "x"), admin),
            new Call("PUT", "/api/snippets/1", Map.of("name", "x", "text", "x"), admin),
            new Call("DELETE", "/api/snippets/1", null, admin),
            new Call("GET", "/api/keyword-rules", null, admin),
            new Call(
                "POST", "/api/keyword-rules", Map.of("keyword", "x", "automationId", 1), admin),
            new Call(
                "PUT", "/api/keyword-rules/1", Map.of("keyword", "x", "automationId", 1), admin),
            new Call("DELETE", "/api/keyword-rules/1", null, admin),
            new Call("DELETE", "/api/inbox/messages/" + replyA, null, admin),
            new Call("POST", "/api/contacts", Map.of("phone", FreshNumbers.us()), adminOrCrm),
            new Call("GET", contact, null, admin),
            new Call("POST", contact + "/tags", Map.of("name", "VIP"), admin),
            new Call("DELETE", contact + "/tags/1", null, admin),
            new Call("POST", contact + "/account", Map.of("name", "Acme"), admin),
            new Call("DELETE", contact + "/account", null, admin),
            new Call("GET", contact + "/lists", null, admin),
            new Call("POST", contact + "/lists", Map.of("listId", 1), admin),
            new Call("POST", contact + "/automations", Map.of("automationId", 1), admin),
            new Call("GET", contact + "/deals", null, admin),
            new Call("POST", contact + "/deals", Map.of("title", "x"), admin),
            new Call("DELETE", contact, null, adminOrCrm),
            new Call("POST", contact + "/restore", Map.of(), admin),
            new Call("GET", "/api/automations", null, admin),
            new Call("GET", "/api/numbers", null, admin),
            new Call("POST", "/api/numbers", InboxClient.twoWayNumber(FreshNumbers.us()), admin),
            new Call("GET", "/api/audit", null, admin),
            new Call("GET", "/api/credits", null, adminOrCrm),
            new Call("POST", "/api/credits/top-ups", Map.of("amount", 1), crmOnly),
            new Call("POST", "/api/sms/messages", Map.of("to", customer, "text", "x"), crmOnly),
            new Call("POST", "/api/sms/batches", Map.of("to", List.of(customer)), crmOnly));
    InboxClient anonymous = InboxClient.anonymous();
    List<String> wrong = new ArrayList<>();
    for (Call c : calls) {
      expect(wrong, c.method() + " " + c.path() + " anonymous", send(anonymous, c), 401);
      expect(wrong, c.method() + " " + c.path() + " sales", send(salesA, c), 403);
      if (c.who().equals(admin)) {
        expect(wrong, c.method() + " " + c.path() + " crm-service", send(crmA, c), 403);
      }
      if (c.who().equals(crmOnly)) {
        expect(wrong, c.method() + " " + c.path() + " admin", send(adminA, c), 403);
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(adminA.get(conversation).body()).doesNotContain("\"text\":\"x\"");
    assertThat(adminA.get("/api/credits").json().get("balance").asLong()).isEqualTo(99);
    // The deployment's own views of the shared link are its operators' (DEFAULT_ACCOUNT) alone.
    assertThat(adminA.get("/api/inbox/unfiled").status()).isEqualTo(403);
    assertThat(adminA.get("/api/integrations").status()).isEqualTo(403);
    assertThat(inbox.admin().get("/api/inbox/unfiled").status()).isEqualTo(200);
  }

  @Test
  void anSmsToOneAccountsNumberNeverReachesTheOtherAccountsStream() throws Exception {
    List<String[]> streamA = new CopyOnWriteArrayList<>();
    List<String[]> streamB = new CopyOnWriteArrayList<>();
    Thread readerA = InboxApiIT.listen("Bearer " + adminTokenOf(A), null, streamA);
    Thread readerB =
        InboxApiIT.listen(
            "Bearer " + CRM.admin().set("account", B).set("sub", "crm-user-9").sign(),
            null,
            streamB);
    try {
      await().until(() -> named(streamA, "unread.count") && named(streamB, "unread.count"));
      String forA = "only for A " + UUID.randomUUID();
      String forB = "only for B " + UUID.randomUUID();
      assertThat(inbox.smsc().deliver(customer, numberA, forA)).isZero();
      await().atMost(Duration.ofSeconds(10)).until(() -> carries(streamA, forA));
      // B's stream is in commit order: once B's own later SMS is there, A's would have come first.
      assertThat(inbox.smsc().deliver(customer, numberB, forB)).isZero();
      await().atMost(Duration.ofSeconds(10)).until(() -> carries(streamB, forB));

      assertThat(streamB).noneMatch(e -> e[2].contains(forA) || e[2].contains(numberA));
      assertThat(streamA).noneMatch(e -> e[2].contains(forB));
      String[] received =
          streamA.stream().filter(e -> e[2].contains(forA)).findFirst().orElseThrow();
      assertThat(InboxClient.JSON.readTree(received[2]).get("accountId").asText()).isEqualTo(A);
    } finally {
      readerA.interrupt();
      readerB.interrupt();
    }
  }

  private static String adminTokenOf(String account) {
    return CRM.admin().set("account", account).sign();
  }

  private static Map<String, Object> text(String text) {
    return Map.of("text", text);
  }

  /** One request of the matrix, and who the contract lets make it. */
  private record Call(String method, String path, Object body, String who) {}

  private static InboxClient.Answer send(InboxClient client, Call c) {
    return switch (c.method()) {
      case "GET" -> client.get(c.path());
      case "POST" -> client.post(c.path(), c.body());
      case "PUT" -> client.put(c.path(), c.body());
      case "DELETE" -> client.delete(c.path());
      default -> throw new IllegalArgumentException(c.method());
    };
  }

  private static void expect(List<String> wrong, String what, InboxClient.Answer a, int status) {
    if (a.status() != status) {
      wrong.add(what + " answered " + a.status() + " (expected " + status + "): " + a.body());
    }
  }

  private static JsonNode awaitRow(InboxClient admin, String phone) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              JsonNode items =
                  admin.get("/api/inbox/conversations?q=" + phone.substring(1)).json().get("items");
              return items.size() == 1 ? items.get(0) : null;
            },
            row -> row != null);
  }

  private static JsonNode entry(JsonNode audit, String action) {
    for (JsonNode e : audit.get("items")) {
      if (e.get("action").asText().equals(action)) {
        return e;
      }
    }
    throw new AssertionError("No " + action + " in " + audit);
  }

  private static long unreadIn(InboxClient admin) {
    long unread = 0;
    for (JsonNode row : admin.get("/api/inbox/conversations?limit=100").json().get("items")) {
      unread += row.get("unreadCount").asLong();
    }
    return unread;
  }

  private static boolean named(List<String[]> events, String name) {
    return events.stream().anyMatch(e -> e[1].equals(name));
  }

  private static boolean carries(List<String[]> events, String text) {
    return events.stream().anyMatch(e -> e[1].equals("message.received") && e[2].contains(text));
  }
}
