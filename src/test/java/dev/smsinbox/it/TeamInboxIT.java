package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The team inbox (issue 21, CONTRACT rows PATCH of a conversation, the list's status and assignee
 * filters, notes): two admins of one account, Alice and Bob, share a customer's conversation; an
 * admin of another account, Carol, finds none of it.
 */
class TeamInboxIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  static final HostCrmTokens CRM = HostCrmTokens.ofTheTestServers();

  static final String A = "it-team-" + UUID.randomUUID().toString().substring(0, 8);
  static final String B = "it-other-" + UUID.randomUUID().toString().substring(0, 8);
  static final String ALICE = "alice-" + UUID.randomUUID().toString().substring(0, 6);
  static final String BOB = "bob-" + UUID.randomUUID().toString().substring(0, 6);
  static final String CAROL = "carol-" + UUID.randomUUID().toString().substring(0, 6);

  static InboxClient alice;
  static InboxClient bob;
  static InboxClient carol;
  static String numberA;

  @BeforeAll
  static void anAccountWithTwoAdminsAndAnother() {
    alice = InboxClient.bearer(adminToken(A, ALICE, "Alice Admin"));
    bob = InboxClient.bearer(adminToken(A, BOB, "Bob Builder"));
    carol = InboxClient.bearer(adminToken(B, CAROL, "Carol Other"));
    // Opening the inbox makes each a known admin of their account.
    assertThat(alice.get("/api/me").status()).isEqualTo(200);
    assertThat(bob.get("/api/me").status()).isEqualTo(200);
    assertThat(carol.get("/api/me").status()).isEqualTo(200);
    numberA = FreshNumbers.us();
    assertThat(alice.post("/api/numbers", InboxClient.twoWayNumber(numberA)).status())
        .isEqualTo(201);
    InboxClient crmA =
        InboxClient.bearer(
            CRM.admin()
                .set("account", A)
                .set("sub", "crm-service-team")
                .set("groups", List.of("crm-service"))
                .sign());
    assertThat(crmA.post("/api/credits/top-ups", Map.of("amount", 100, "reason", "plan")).status())
        .isEqualTo(201);
  }

  @Test
  void resolvedLeavesTheOpenListAndTheCustomersNextMessageReopensIt() {
    String customer = FreshNumbers.us();
    long id = newConversation(customer, "Is my order ready?");

    var resolved = alice.patch(path(id), Map.of("status", "RESOLVED"));
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    assertThat(resolved.json().get("status").asText()).isEqualTo("RESOLVED");
    assertThat(ids(alice, "")).doesNotContain(id);
    JsonNode row = row(alice, "status=RESOLVED", id);
    assertThat(row.get("status").asText()).isEqualTo("RESOLVED");
    assertThat(alice.get(path(id)).json().get("status").asText()).isEqualTo("RESOLVED");

    assertThat(inbox.smsc().deliver(customer, numberA, "Actually, one more thing")).isZero();
    await("the customer's message reopens it")
        .atMost(Duration.ofSeconds(10))
        .until(() -> ids(alice, "").contains(id));
    assertThat(row(alice, "", id).get("status").asText()).isEqualTo("OPEN");
    assertThat(ids(alice, "status=RESOLVED")).doesNotContain(id);
    assertThat(auditActions(alice)).contains("conversation.status");
  }

  @Test
  void aSnoozedConversationComesBackByItselfWhenItsTimeComes() {
    long id = newConversation(FreshNumbers.us(), "Call me next week");
    List<String[]> bobs = new CopyOnWriteArrayList<>();
    Thread bobReader = InboxApiIT.listen("Bearer " + adminToken(A, BOB, "Bob Builder"), null, bobs);
    try {
      await().until(() -> named(bobs, "unread.count"));
      Instant until = Instant.now().plusSeconds(3);
      var snoozed =
          alice.patch(path(id), Map.of("status", "SNOOZED", "snoozedUntil", until.toString()));
      assertThat(snoozed.status()).as(snoozed.body()).isEqualTo(200);
      assertThat(snoozed.json().get("snoozedUntil").asText()).isNotEmpty();
      assertThat(ids(alice, "")).doesNotContain(id);
      assertThat(row(alice, "status=SNOOZED", id).get("status").asText()).isEqualTo("SNOOZED");
      assertThat(ids(alice, "status=ALL")).contains(id);

      await("the snooze ends")
          .atMost(Duration.ofSeconds(15))
          .until(() -> ids(alice, "").contains(id));
      assertThat(row(alice, "", id).get("status").asText()).isEqualTo("OPEN");
      assertThat(ids(alice, "status=SNOOZED")).doesNotContain(id);
      // Nobody did it, yet every open screen hears that it is open again.
      String conversation = "\"conversationId\":" + id + ",";
      await("Bob's screen hears it woke")
          .atMost(Duration.ofSeconds(40))
          .until(
              () ->
                  bobs.stream()
                      .anyMatch(
                          e ->
                              e[1].equals("conversation.updated")
                                  && e[2].contains(conversation)
                                  && e[2].contains("\"status\":\"OPEN\"")
                                  && e[2].contains("\"by\":null")));
    } finally {
      bobReader.interrupt();
    }
  }

  @Test
  void aSnoozedConversationWakesWithTheCustomersMessage() {
    String customer = FreshNumbers.us();
    long id = newConversation(customer, "Later please");
    var snoozed =
        alice.patch(
            path(id), Map.of("snoozedUntil", Instant.now().plus(Duration.ofDays(2)).toString()));
    assertThat(snoozed.json().get("status").asText()).isEqualTo("SNOOZED");
    assertThat(ids(alice, "")).doesNotContain(id);
    assertThat(inbox.smsc().deliver(customer, numberA, "Now, actually")).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> ids(alice, "").contains(id));
  }

  @Test
  void assignedToBobItIsBobsAndTheListSaysSo() {
    long id = newConversation(FreshNumbers.us(), "Who can help me?");
    assertThat(ids(alice, "assignee=none")).contains(id);

    var assigned = alice.patch(path(id), Map.of("assigneeId", BOB));
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
    assertThat(assigned.json().get("assignee").get("name").asText()).isEqualTo("Bob Builder");

    assertThat(ids(bob, "assignee=me")).contains(id);
    assertThat(ids(alice, "assignee=me")).doesNotContain(id);
    assertThat(ids(alice, "assignee=none")).doesNotContain(id);
    assertThat(ids(alice, "assignee=" + BOB)).contains(id);
    JsonNode row = row(alice, "assignee=" + BOB, id);
    assertThat(row.get("assignee").get("id").asText()).isEqualTo(BOB);
    assertThat(row.get("assignee").get("name").asText()).isEqualTo("Bob Builder");
    assertThat(alice.get(path(id)).json().get("assignee").get("id").asText()).isEqualTo(BOB);

    JsonNode entry = auditEntry(bob, "conversation.assigned");
    assertThat(entry.get("actor").get("id").asText()).isEqualTo(ALICE);
    assertThat(entry.get("conversationId").asLong()).isEqualTo(id);
    assertThat(entry.get("detail").asText()).contains("Bob Builder");

    Map<String, Object> nobody = new HashMap<>();
    nobody.put("assigneeId", null);
    var unassigned = bob.patch(path(id), nobody);
    assertThat(unassigned.status()).as(unassigned.body()).isEqualTo(200);
    assertThat(unassigned.json().get("assignee").isNull()).isTrue();
    assertThat(ids(alice, "assignee=none")).contains(id);
    assertThat(ids(bob, "assignee=me")).doesNotContain(id);
  }

  @Test
  void aNoteStaysInTheThreadAndNeverReachesTheCarrier() {
    String customer = FreshNumbers.us();
    long id = newConversation(customer, "My parcel is late");
    alice.post(path(id) + "/read", Map.of());
    long credits = alice.get("/api/credits").json().get("balance").asLong();
    String secret = "Internal: refund approved " + UUID.randomUUID();

    var note = alice.post(path(id) + "/notes", Map.of("text", secret));
    assertThat(note.status()).as(note.body()).isEqualTo(201);
    assertThat(note.json().get("direction").asText()).isEqualTo("NOTE");
    assertThat(note.json().get("sentBy").get("id").asText()).isEqualTo(ALICE);
    assertThat(note.json().get("sentBy").get("name").asText()).isEqualTo("Alice Admin");

    JsonNode thread = bob.get(path(id)).json();
    assertThat(thread.get("notes")).hasSize(1);
    assertThat(thread.get("notes").get(0).get("text").asText()).isEqualTo(secret);
    assertThat(thread.get("messages").toString()).doesNotContain(secret);
    assertThat(thread.get("unreadCount").asInt()).isZero();
    assertThat(alice.get("/api/credits").json().get("balance").asLong()).isEqualTo(credits);

    // A reply after the note goes out; the note never does.
    String reply = "We are on it " + UUID.randomUUID().toString().substring(0, 6);
    assertThat(alice.post(path(id) + "/messages", Map.of("text", reply)).status()).isEqualTo(202);
    await("the reply reaches the SMSC")
        .atMost(Duration.ofSeconds(20))
        .until(() -> inbox.smsc().submissions().stream().anyMatch(s -> reply.equals(s.text())));
    assertThat(inbox.smsc().submissions()).noneMatch(s -> s.text().contains("refund approved"));
    assertThat(auditActions(alice)).contains("conversation.note");
  }

  @Test
  void everyChangeReachesTheOtherAdminsStream() throws Exception {
    long id = newConversation(FreshNumbers.us(), "Hello team");
    List<String[]> bobs = new CopyOnWriteArrayList<>();
    List<String[]> carols = new CopyOnWriteArrayList<>();
    Thread bobReader = InboxApiIT.listen("Bearer " + adminToken(A, BOB, "Bob Builder"), null, bobs);
    Thread carolReader =
        InboxApiIT.listen("Bearer " + adminToken(B, CAROL, "Carol Other"), null, carols);
    try {
      await().until(() -> named(bobs, "unread.count") && named(carols, "unread.count"));
      String reply = "Reply " + UUID.randomUUID();
      assertThat(alice.post(path(id) + "/messages", Map.of("text", reply)).status()).isEqualTo(202);
      alice.patch(path(id), Map.of("assigneeId", BOB));
      alice.post(path(id) + "/notes", Map.of("text", "Note " + id));
      alice.post(path(id) + "/typing", Map.of());
      alice.post(path(id) + "/read", Map.of());
      String conversation = "\"conversationId\":" + id;
      await("Bob's screen hears of each")
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  has(bobs, "message.queued", reply)
                      && has(bobs, "conversation.updated", conversation)
                      && has(bobs, "note.added", conversation)
                      && has(bobs, "conversation.typing", conversation)
                      && has(bobs, "conversation.read", conversation));
      assertThat(carols).noneMatch(e -> e[2].contains(conversation) || e[2].contains(reply));
    } finally {
      bobReader.interrupt();
      carolReader.interrupt();
    }
  }

  @Test
  void anotherAccountsAdminFindsNoneOfIt() {
    long id = newConversation(FreshNumbers.us(), "Private to A");
    List<InboxClient.Answer> answers = new ArrayList<>();
    answers.add(carol.patch(path(id), Map.of("status", "RESOLVED")));
    answers.add(carol.patch(path(id), Map.of("assigneeId", CAROL)));
    answers.add(carol.post(path(id) + "/notes", Map.of("text", "Carol was here")));
    answers.add(carol.post(path(id) + "/typing", Map.of()));
    answers.add(carol.get(path(id)));
    assertThat(answers)
        .allSatisfy(
            a -> {
              assertThat(a.status()).as(a.body()).isEqualTo(404);
              assertThat(a.contentType()).startsWith("application/problem+json");
            });
    // Carol is no admin of A: nobody can assign A's conversation to her.
    var toCarol = alice.patch(path(id), Map.of("assigneeId", CAROL));
    assertThat(toCarol.status()).isBetween(400, 422);
    assertThat(toCarol.body()).contains(CAROL);
    assertThat(carol.get("/api/inbox/admins").body()).doesNotContain(ALICE, BOB);
    assertThat(alice.get("/api/inbox/admins").body()).contains(ALICE, BOB).doesNotContain(CAROL);
    JsonNode mine = alice.get(path(id)).json();
    assertThat(mine.get("status").asText()).isEqualTo("OPEN");
    assertThat(mine.get("notes")).isEmpty();
    assertThat(ids(carol, "status=ALL")).doesNotContain(id);
  }

  @Test
  void aCarriersRefusalIsExplainedInWordsWithItsCode() {
    String customer = FreshNumbers.us();
    long id = newConversation(customer, "Text me back");
    inbox.smsc().setRejectSubmitsTo(customer, 0x0B);
    try {
      var reply = alice.post(path(id) + "/messages", Map.of("text", "Here we are"));
      assertThat(reply.status()).as(reply.body()).isEqualTo(202);
      long messageId = reply.json().get("id").asLong();
      JsonNode failed =
          await("the carrier refuses the reply")
              .atMost(Duration.ofSeconds(20))
              .until(
                  () -> {
                    for (JsonNode m : bob.get(path(id)).json().get("messages")) {
                      if (m.get("id").asLong() == messageId
                          && m.get("status").asText().equals("FAILED")) {
                        return m;
                      }
                    }
                    return null;
                  },
                  m -> m != null);
      assertThat(failed.get("errorText").asText())
          .isEqualTo("The number does not exist or is invalid.");
      assertThat(failed.get("errorWords").get("code").asText()).isEqualTo("0x0B");
      assertThat(failed.get("errorWords").get("it").asText())
          .isEqualTo("Il numero non esiste o non è valido.");
      assertThat(failed.get("error").asText()).contains("0xb");
    } finally {
      inbox.smsc().setRejectSubmitsTo(customer, null);
    }
  }

  @Test
  void badChangesAreRefusedInWords() {
    long id = newConversation(FreshNumbers.us(), "Bad input");
    List<InboxClient.Answer> answers = new ArrayList<>();
    answers.add(alice.patch(path(id), Map.of("status", "DONE")));
    answers.add(alice.patch(path(id), Map.of("status", "SNOOZED")));
    answers.add(
        alice.patch(
            path(id),
            Map.of(
                "status", "SNOOZED", "snoozedUntil", Instant.now().minusSeconds(60).toString())));
    answers.add(alice.patch(path(id), Map.of("snoozedUntil", "tomorrow")));
    answers.add(alice.patch(path(id), Map.of("assigneeId", "nobody-we-know")));
    answers.add(alice.patch(path(id), Map.of()));
    answers.add(alice.patch(path(id), "{not json"));
    answers.add(alice.post(path(id) + "/notes", Map.of("text", "  ")));
    answers.add(alice.post(path(id) + "/notes", Map.of("text", "x".repeat(2001))));
    answers.add(alice.get("/api/inbox/conversations?status=SLEEPING"));
    assertThat(answers)
        .allSatisfy(
            a -> {
              assertThat(a.status()).as(a.body()).isBetween(400, 422);
              assertThat(a.contentType()).startsWith("application/problem+json");
              assertThat(a.body()).doesNotContain("Exception");
            });
    assertThat(alice.get(path(id)).json().get("status").asText()).isEqualTo("OPEN");
  }

  private static long newConversation(String customer, String text) {
    assertThat(inbox.smsc().deliver(customer, numberA, text)).isZero();
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              JsonNode items =
                  alice
                      .get("/api/inbox/conversations?status=ALL&q=" + customer.substring(1))
                      .json()
                      .get("items");
              return items.size() == 1 ? items.get(0).get("id").asLong() : null;
            },
            found -> found != null);
  }

  private static String path(long id) {
    return "/api/inbox/conversations/" + id;
  }

  private static List<Long> ids(InboxClient admin, String query) {
    var answer = admin.get("/api/inbox/conversations?limit=100&" + query);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    answer.json().get("items").forEach(i -> ids.add(i.get("id").asLong()));
    return ids;
  }

  private static JsonNode row(InboxClient admin, String query, long id) {
    for (JsonNode i :
        admin.get("/api/inbox/conversations?limit=100&" + query).json().get("items")) {
      if (i.get("id").asLong() == id) {
        return i;
      }
    }
    throw new AssertionError("conversation " + id + " is not listed with " + query);
  }

  private static List<String> auditActions(InboxClient admin) {
    List<String> actions = new ArrayList<>();
    admin
        .get("/api/audit?limit=200")
        .json()
        .get("items")
        .forEach(e -> actions.add(e.get("action").asText()));
    return actions;
  }

  private static JsonNode auditEntry(InboxClient admin, String action) {
    for (JsonNode e : admin.get("/api/audit?limit=200").json().get("items")) {
      if (e.get("action").asText().equals(action)) {
        return e;
      }
    }
    throw new AssertionError("no " + action + " in the audit");
  }

  private static boolean named(List<String[]> events, String name) {
    return events.stream().anyMatch(e -> e[1].equals(name));
  }

  private static boolean has(List<String[]> events, String name, String text) {
    return events.stream().anyMatch(e -> e[1].equals(name) && e[2].contains(text));
  }

  static String adminToken(String account, String sub, String name) {
    return CRM.admin().set("account", account).set("sub", sub).set("name", name).sign();
  }
}
