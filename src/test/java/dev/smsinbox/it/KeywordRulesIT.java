package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smsinbox.adapter.crm.activecampaign.ActiveCampaignFake;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keyword rules (issue 20) through the real link: an admin's rule "JOIN enrols in automation X"
 * makes a customer who texts "join" a member of X, answered with the rule's reply; bad rules are
 * refused saying why; an opted-out customer is not enrolled; another account's rules never fire.
 * With {@code -Dit.crm.connector=activecampaign} (see the pom) the enrolment reaches this test's
 * fake of ActiveCampaign after the filing, through a 429 and an outage during which the inbound SMS
 * are acknowledged and filed all the same.
 */
class KeywordRulesIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  static final boolean ACTIVECAMPAIGN =
      "activecampaign".equals(System.getProperty("it.crm.connector"));

  /** The acme account's admin (the default account's is {@code inbox.admin()}). */
  static final InboxClient ACME =
      InboxClient.bearer(HostCrmTokens.ofTheTestServers().admin().set("account", "acme").sign());

  static ActiveCampaignFake crm;

  @BeforeAll
  static void startTheCrm() throws IOException {
    if (ACTIVECAMPAIGN) {
      crm = new ActiveCampaignFake(Integer.getInteger("it.activecampaign.port"));
      // The server keeps its links to ActiveCampaignIT's fake's contacts (ids from 1).
      crm.idsFrom("contacts", ThreadLocalRandom.current().nextInt(1_000_000, 2_000_000_000));
    }
  }

  @AfterAll
  static void stopTheCrm() {
    if (crm != null) {
      crm.close();
    }
  }

  /** A keyword no other run of this test used: the database outlives a run. */
  static String keyword(String word) {
    return word + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
  }

  static JsonNode automation(InboxClient admin) {
    JsonNode automations = admin.get("/api/automations").json();
    assertThat(automations.size()).as("the CRM has automations").isGreaterThanOrEqualTo(1);
    return automations.get(automations.size() - 1);
  }

  static JsonNode rule(InboxClient admin, String keyword, long automationId, String reply) {
    Map<String, Object> body = new HashMap<>();
    body.put("keyword", keyword);
    body.put("automationId", automationId);
    if (reply != null) {
      body.put("reply", reply);
    }
    var saved = admin.post("/api/keyword-rules", body);
    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    return saved.json();
  }

  static JsonNode conversation(String customer) {
    long id = SmsPathIT.awaitRow(customer).get("id").asLong();
    return inbox.admin().get("/api/inbox/conversations/" + id).json();
  }

  static long contactOf(String customer) {
    return SmsPathIT.awaitRow(customer).get("contact").get("id").asLong();
  }

  static JsonNode lastMessage(String customer, String text) {
    return await("the SMS '" + text + "' is filed")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                StreamSupport.stream(conversation(customer).get("messages").spliterator(), false)
                    .filter(m -> "INBOUND".equals(m.get("direction").asText()))
                    .filter(m -> text.equals(m.get("text").asText()))
                    .reduce((a, b) -> b)
                    .orElse(null),
            java.util.Objects::nonNull);
  }

  static List<String> automationsOf(long contact) {
    return StreamSupport.stream(
            inbox.admin().get("/api/contacts/" + contact).json().get("automations").spliterator(),
            false)
        .map(a -> a.get("name").asText() + " by " + a.get("enrolledBy").asText())
        .toList();
  }

  @Test
  void aCustomerWhoTextsTheKeywordIsEnrolledAndAnsweredWithTheRulesReply() throws IOException {
    JsonNode automation = automation(inbox.admin());
    String join = keyword("JOIN");
    String reply = "Welcome aboard! Reply STOP to opt out.";
    JsonNode saved = rule(inbox.admin(), join.toLowerCase(), automation.get("id").asLong(), reply);
    assertThat(saved.get("keyword").asText()).isEqualTo(join);
    assertThat(saved.get("automationName").asText()).isEqualTo(automation.get("name").asText());
    assertThat(saved.get("numberId").isNull()).as("every number").isTrue();
    assertThat(inbox.admin().get("/api/keyword-rules").json())
        .extracting(r -> r.get("id").asLong())
        .contains(saved.get("id").asLong());

    String customer = FreshNumbers.us();
    int enrolmentsBefore = ACTIVECAMPAIGN ? crm.requests("POST", "contactAutomations").size() : 0;
    if (ACTIVECAMPAIGN) {
      crm.down();
    }
    try {
      // case, accents and punctuation ignored
      String texted = " " + join.toLowerCase().replaceFirst("o", "ó") + "! ";
      assertThat(inbox.deliver(customer, texted)).as("acknowledged (CRM down?)").isZero();
      JsonNode message = lastMessage(customer, texted);
      assertThat(message.get("keywordEvent").asText()).isEqualTo("ENROL");
      await("the rule's reply reaches the customer")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  inbox.smsc().submissions().stream()
                      .anyMatch(
                          s -> s.to().endsWith(customer.substring(1)) && reply.equals(s.text())));
      if (ACTIVECAMPAIGN) {
        // the CRM comes back asking for a pause longer than the connector waits
        crm.answerTooManyRequests(1, 120);
      }
    } finally {
      if (ACTIVECAMPAIGN) {
        crm.up();
      }
    }
    long contact = contactOf(customer);
    String enrolled = automation.get("name").asText() + " by SMS keyword " + join;
    await("the contact is enrolled (the panel shows it)")
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .until(() -> automationsOf(contact), list -> list.contains(enrolled));
    if (ACTIVECAMPAIGN) {
      assertThat(crm.tooManyRequestsLeft()).as("the 429 was answered").isZero();
      assertThat(crm.requests("POST", "contactAutomations"))
          .hasSize(enrolmentsBefore + 1)
          .last()
          .satisfies(
              r ->
                  assertThat(r.body())
                      .contains("\"automation\":\"" + automation.get("id").asText() + "\""));
    }

    // texted again: already in it, answered again, enrolled once
    assertThat(inbox.deliver(customer, join)).isZero();
    assertThat(lastMessage(customer, join).get("keywordEvent").asText()).isEqualTo("ENROL");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                inbox.smsc().submissions().stream()
                        .filter(
                            s -> s.to().endsWith(customer.substring(1)) && reply.equals(s.text()))
                        .count()
                    == 2);
    assertThat(automationsOf(contact)).containsOnlyOnce(enrolled);
  }

  @Test
  void aCustomerWhoOptedOutIsNeitherEnrolledNorAnswered() {
    String join = keyword("JOIN");
    rule(inbox.admin(), join, automation(inbox.admin()).get("id").asLong(), "You're in: " + join);
    String customer = FreshNumbers.us();
    assertThat(inbox.deliver(customer, "STOP")).isZero();
    assertThat(lastMessage(customer, "STOP").get("keywordEvent").asText()).isEqualTo("OPT_OUT");
    assertThat(inbox.deliver(customer, join)).isZero();
    JsonNode message = lastMessage(customer, join);
    assertThat(message.get("keywordEvent").isNull()).as("an ordinary message").isTrue();
    assertThat(automationsOf(contactOf(customer))).isEmpty();
    assertThat(inbox.smsc().submissions())
        .noneMatch(s -> s.text() != null && s.text().contains(join));
  }

  @Test
  void anotherAccountsRuleNeverFires() {
    String theirs = keyword("ACME");
    rule(ACME, theirs, automation(ACME).get("id").asLong(), "Acme says hi");
    assertThat(inbox.admin().get("/api/keyword-rules").body()).doesNotContain(theirs);

    String customer = FreshNumbers.us();
    assertThat(inbox.deliver(customer, theirs)).isZero();
    assertThat(lastMessage(customer, theirs).get("keywordEvent").isNull()).isTrue();
    assertThat(automationsOf(contactOf(customer))).isEmpty();
    assertThat(inbox.smsc().submissions()).noneMatch(s -> "Acme says hi".equals(s.text()));
  }

  @Test
  void aRuleForAnotherNumberOfOursDoesNotFireOnThisOne() {
    String other = FreshNumbers.us();
    var registered = inbox.admin().post("/api/numbers", InboxClient.twoWayNumber(other));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    long otherId = registered.json().get("id").asLong();
    String join = keyword("JOIN");
    var saved =
        inbox
            .admin()
            .post(
                "/api/keyword-rules",
                Map.of(
                    "keyword",
                    join,
                    "automationId",
                    automation(inbox.admin()).get("id").asLong(),
                    "numberId",
                    otherId));
    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    assertThat(saved.json().get("number").asText()).isEqualTo(other);

    String customer = FreshNumbers.us();
    assertThat(inbox.deliver(customer, join)).isZero();
    assertThat(lastMessage(customer, join).get("keywordEvent").isNull()).isTrue();
  }

  @Test
  void badRulesAreRefusedSayingWhy() {
    long automationId = automation(inbox.admin()).get("id").asLong();
    InboxClient admin = inbox.admin();

    var empty = admin.post("/api/keyword-rules", Map.of("keyword", " ", "automationId", 1));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.contentType()).startsWith("application/problem+json");
    assertThat(empty.json().get("detail").asText()).contains("keyword is empty");
    var sentence =
        admin.post("/api/keyword-rules", Map.of("keyword", "join?now", "automationId", 1));
    assertThat(sentence.status()).isEqualTo(400);
    var noAutomation = admin.post("/api/keyword-rules", Map.of("keyword", keyword("JOIN")));
    assertThat(noAutomation.status()).isEqualTo(400);
    assertThat(noAutomation.json().get("detail").asText()).contains("automationId");

    var stop =
        admin.post("/api/keyword-rules", Map.of("keyword", "Stop", "automationId", automationId));
    assertThat(stop.status()).isEqualTo(409);
    assertThat(stop.contentType()).startsWith("application/problem+json");
    assertThat(stop.json().get("detail").asText()).contains("opt-out keyword STOP");
    var help =
        admin.post("/api/keyword-rules", Map.of("keyword", "info", "automationId", automationId));
    assertThat(help.status()).isEqualTo(409);
    assertThat(help.json().get("detail").asText()).contains("help keyword");

    var unknown =
        admin.post(
            "/api/keyword-rules", Map.of("keyword", keyword("JOIN"), "automationId", 987654321));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.json().get("detail").asText()).contains("automation 987654321");

    String join = keyword("JOIN");
    JsonNode saved = rule(admin, join, automationId, null);
    var twice =
        admin.post(
            "/api/keyword-rules",
            Map.of("keyword", join.toLowerCase(), "automationId", automationId));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().get("detail").asText()).contains("already a rule for " + join);

    long id = saved.get("id").asLong();
    var edited =
        admin.put(
            "/api/keyword-rules/" + id,
            Map.of("keyword", join, "automationId", automationId, "reply", "Thanks!"));
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    assertThat(edited.json().get("reply").asText()).isEqualTo("Thanks!");

    // another account's rule is not found, whatever it asks
    assertThat(ACME.get("/api/keyword-rules/" + id).status()).isEqualTo(404);
    assertThat(
            ACME.put("/api/keyword-rules/" + id, Map.of("keyword", join, "automationId", 1))
                .status())
        .isEqualTo(404);
    assertThat(ACME.delete("/api/keyword-rules/" + id).status()).isEqualTo(404);
    assertThat(inbox.agent().get("/api/keyword-rules").status()).isEqualTo(403);
    assertThat(admin.get("/api/keyword-rules/nope").status()).isEqualTo(404);

    assertThat(admin.delete("/api/keyword-rules/" + id).status()).isEqualTo(204);
    assertThat(admin.get("/api/keyword-rules/" + id).status()).isEqualTo(404);
    assertThat(admin.delete("/api/keyword-rules/" + id).status()).isEqualTo(404);
  }
}
