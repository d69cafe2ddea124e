package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smsinbox.adapter.crm.activecampaign.ActiveCampaignFake;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contact panel on a server whose CRM is ActiveCampaign (CRM_CONNECTOR=activecampaign), pointed
 * at this test's fake of the v3 API: what an admin does in the inbox arrives at the CRM, and a CRM
 * that is down is a 502 saying why, with nothing lost. Runs when the servers were started with
 * {@code -Dit.crm.connector=activecampaign} (see the pom); the rest of the suite needs the embedded
 * connector.
 */
@EnabledIfSystemProperty(named = "it.crm.connector", matches = "activecampaign")
class ActiveCampaignIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();
  static ActiveCampaignFake crm;

  @BeforeAll
  static void startTheCrm() throws IOException {
    crm = new ActiveCampaignFake(Integer.getInteger("it.activecampaign.port"));
  }

  @AfterAll
  static void stopTheCrm() {
    crm.close();
  }

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
  void aTagAddedInTheInboxArrivesAtTheCrmWithTheApiToken() {
    long id = newContact("Ann");
    String name = "Vip " + System.nanoTime();
    var added = inbox.admin().post("/api/contacts/" + id + "/tags", Map.of("name", name));
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.json().get("name").asText()).isEqualTo(name);

    var tagged =
        crm.requests("POST", "contactTags").stream()
            .filter(r -> r.body().contains("\"tag\":\"" + added.json().get("id").asText() + "\""))
            .toList();
    assertThat(tagged)
        .singleElement()
        .satisfies(r -> assertThat(r.apiToken()).isEqualTo(ActiveCampaignFake.TOKEN));
    String crmId = tagged.get(0).body().replaceAll(".*\"contact\":\"(\\d+)\".*", "$1");
    assertThat(crm.items("contacts", Map.of("id", crmId)))
        .singleElement()
        .satisfies(c -> assertThat(c).containsEntry("firstName", "Ann"));

    JsonNode record = inbox.admin().get("/api/contacts/" + id).json();
    assertThat(record.get("tags")).extracting(t -> t.get("name").asText()).containsExactly(name);
    assertThat(record.get("profileUrl").asText())
        .as("the profile link opens the contact in the CRM")
        .endsWith("/app/contacts/" + crmId);
  }

  @Test
  void aContactTakenOutOfAnAutomationInTheInboxLeavesItInTheCrm() {
    long id = newContact("Al");
    var enrolled =
        inbox.admin().post("/api/contacts/" + id + "/automations", Map.of("automationId", 2));
    assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
    List<String> before = enrolmentsInTheCrm();

    var removed = inbox.admin().delete("/api/contacts/" + id + "/automations/2");
    assertThat(removed.status()).as(removed.body()).isEqualTo(204);
    List<String> after = enrolmentsInTheCrm();
    assertThat(after).hasSize(before.size() - 1);
    String gone = before.stream().filter(e -> !after.contains(e)).findFirst().orElseThrow();
    assertThat(crm.requests("DELETE", "contactAutomations/" + gone)).hasSize(1);
    assertThat(inbox.admin().get("/api/contacts/" + id).json().get("automations")).isEmpty();
    var again = inbox.admin().delete("/api/contacts/" + id + "/automations/2");
    assertThat(again.status()).as("not in it any more").isEqualTo(404);
    assertThat(again.json().get("detail").asText()).contains("is not in the automation 'Win-back'");
  }

  private static List<String> enrolmentsInTheCrm() {
    return crm.items("contactAutomations", Map.of("automation", "2")).stream()
        .map(e -> e.get("id"))
        .toList();
  }

  @Test
  void withTheCrmDownThePanelAnswers502SayingWhyAndNothingIsLost() throws IOException {
    long id = newContact("Bo");
    String name = "Down " + System.nanoTime();
    crm.down();
    try {
      var refused = inbox.admin().post("/api/contacts/" + id + "/tags", Map.of("name", name));
      assertThat(refused.status()).isEqualTo(502);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.json().get("detail").asText())
          .contains("ActiveCampaign cannot be reached at http://127.0.0.1:")
          .contains("Nothing was changed in the inbox")
          .doesNotContain(ActiveCampaignFake.TOKEN);
      assertThat(inbox.admin().get("/api/contacts/" + id).status()).isEqualTo(502);
    } finally {
      crm.up();
    }
    JsonNode record = inbox.admin().get("/api/contacts/" + id).json();
    assertThat(record.get("firstName").asText()).as("the contact is still there").isEqualTo("Bo");
    assertThat(record.get("tags")).isEmpty();
    assertThat(inbox.admin().post("/api/contacts/" + id + "/tags", Map.of("name", name)).status())
        .as("once the CRM is back the same action works")
        .isEqualTo(201);
    assertThat(crm.items("tags", Map.of("tag", name))).hasSize(1);
  }

  @Test
  void aStopBySmsReachesTheCrmThroughThe429AndTheOutageWhileTheSmsIsFiledAtOnce()
      throws IOException {
    String customer = FreshNumbers.us();
    var saved =
        inbox
            .crm()
            .post(
                "/api/contacts", Map.of("firstName", "Sam", "lastName", "Stop", "phone", customer));
    long id = saved.json().get("id").asLong();
    var subscribed = inbox.admin().post("/api/contacts/" + id + "/lists", Map.of("listId", 1));
    assertThat(subscribed.status()).isEqualTo(200);
    String crmId =
        crm.items("contacts", Map.of("phone", customer)).stream()
            .map(c -> c.get("id"))
            .findFirst()
            .orElseThrow();

    crm.down();
    try {
      assertThat(inbox.deliver(customer, "STOP")).as("acknowledged with the CRM down").isZero();
      String digits = customer.substring(customer.length() - 7);
      await("the STOP is filed and confirmed with the CRM down")
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  inbox.smsc().submissions().stream()
                      .anyMatch(s -> s.to().endsWith(customer.substring(1))));
      assertThat(inbox.admin().get("/api/inbox/conversations?q=" + digits).json().get("items"))
          .isNotEmpty();
      // the CRM comes back asking for a pause longer than the connector waits: tried again later
      crm.answerTooManyRequests(1, 120);
    } finally {
      crm.up();
    }
    await("the CRM receives the unsubscription (contactLists status 2)")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                crm.items("contactLists", Map.of("contact", crmId, "list", "1")).stream()
                    .anyMatch(cl -> "2".equals(cl.get("status"))));
    assertThat(crm.tooManyRequestsLeft()).as("the 429 was answered").isZero();
    var list = inbox.admin().get("/api/contacts/" + id + "/lists").json().get(0);
    assertThat(list.get("state").asText()).isEqualTo("UNSUBSCRIBED");
    assertThat(list.get("unsubscribed").get("source").asText()).isEqualTo("sms-keyword");
    assertThat(list.get("subscribed").get("by").asText()).as("the consent kept").isEqualTo("admin");
  }

  // ActiveCampaign's webhooks into the inbox

  static final HostCrmTokens TOKENS = HostCrmTokens.ofTheTestServers();

  /** The acme account's admin (the default account's is {@code inbox.admin()}). */
  static final InboxClient ACME = InboxClient.bearer(TOKENS.admin().set("account", "acme").sign());

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The account's webhook address, as the admin reads it to paste into ActiveCampaign. */
  static String webhookUrl(InboxClient admin) {
    var settings = admin.get("/api/settings/crm");
    assertThat(settings.status()).as(settings.body()).isEqualTo(200);
    return settings.json().get("webhookUrl").asText();
  }

  /** ActiveCampaign posts a webhook: form fields, no sign-in, no Origin. */
  static InboxClient.Answer post(String url, Map<String, String> fields) {
    String form =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    try {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("User-Agent", "ActiveCampaign/1.0")
                  .timeout(Duration.ofSeconds(20))
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new InboxClient.Answer(
          answer.statusCode(),
          answer.headers().firstValue("Content-Type").orElse(""),
          answer.body(),
          answer.headers());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The fields ActiveCampaign sends about a contact, for an event of that type. */
  static Map<String, String> event(String type, String crmId, String phone) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("type", type);
    fields.put(
        "date_time",
        OffsetDateTime.now(ZoneOffset.ofHours(-5)).truncatedTo(ChronoUnit.SECONDS).toString());
    fields.put("initiated_by", "admin");
    fields.put("initiated_from", "admin");
    fields.put("list", "0");
    fields.put("contact[id]", crmId);
    fields.put("contact[email]", "");
    fields.put("contact[first_name]", "");
    fields.put("contact[last_name]", "");
    fields.put("contact[phone]", phone);
    fields.put("contact[tags]", "");
    return fields;
  }

  /** A contact of the account, known to the CRM (it has tag added there): its ids. */
  record Known(long id, String crmId, String phone) {}

  static Known knownToTheCrm(InboxClient admin, String firstName) {
    String phone = FreshNumbers.us();
    var saved =
        admin.post(
            "/api/contacts", Map.of("firstName", firstName, "lastName", "Hook", "phone", phone));
    assertThat(saved.status()).as(saved.body()).isIn(200, 201);
    long id = saved.json().get("id").asLong();
    assertThat(admin.post("/api/contacts/" + id + "/lists", Map.of("listId", 1)).status())
        .isEqualTo(200);
    String crmId =
        crm.items("contacts", Map.of("phone", phone)).stream()
            .map(c -> c.get("id"))
            .findFirst()
            .orElseThrow();
    return new Known(id, crmId, phone);
  }

  static InboxClient.Answer crmSend(String to) {
    return inbox
        .crm()
        .post(
            "/api/sms/messages",
            Map.of(
                "to",
                to,
                "from",
                inbox.ourNumber(),
                "text",
                "Our winter sale starts today",
                "origin",
                Map.of("type", "CAMPAIGN", "id", "ws", "name", "Winter sale")));
  }

  @Test
  void anUnsubscribeInTheCrmOptsOutOnlyThatAccountAndBlocksTheNextSendOnceOnly() {
    Known ann = knownToTheCrm(inbox.admin(), "Ann");
    // the same person is a contact of acme too: acme's opt-outs are acme's
    var acmes =
        ACME.post(
            "/api/contacts", Map.of("firstName", "Ann", "lastName", "Acme", "phone", ann.phone()));
    assertThat(acmes.status()).as(acmes.body()).isIn(200, 201);
    long acmeContact = acmes.json().get("id").asLong();
    String url = webhookUrl(inbox.admin());
    assertThat(url).isNotEqualTo(webhookUrl(ACME)).isEqualTo(webhookUrl(inbox.admin()));

    Map<String, String> unsubscribe = event("unsubscribe", ann.crmId(), ann.phone());
    unsubscribe.put("list", "1");
    var received = post(url, unsubscribe);
    assertThat(received.status()).as(received.body()).isEqualTo(200);
    assertThat(received.json().get("outcome").asText()).isEqualTo("applied");

    var refused = crmSend(ann.phone());
    assertThat(refused.status()).as("the next send is blocked").isEqualTo(409);
    assertThat(refused.json().get("detail").asText())
        .contains("was unsubscribed in ActiveCampaign");
    JsonNode record = inbox.admin().get("/api/contacts/" + ann.id()).json();
    assertThat(record.get("optOut").get("keyword").asText())
        .isEqualTo("unsubscribed in ActiveCampaign");
    assertThat(ACME.get("/api/contacts/" + acmeContact).json().get("optOut").isNull())
        .as("acme's contact of the same phone is untouched")
        .isTrue();

    var again = post(url, unsubscribe);
    assertThat(again.status()).as("ActiveCampaign's second delivery").isEqualTo(200);
    assertThat(again.json().get("outcome").asText()).isEqualTo("duplicate");
  }

  @Test
  void anSmsUnsubscribeOfAContactTheInboxKnowsByPhoneOnlyOptsItOut() {
    String phone = FreshNumbers.us();
    var saved = inbox.admin().post("/api/contacts", Map.of("firstName", "Bea", "phone", phone));
    long id = saved.json().get("id").asLong();
    var received = post(webhookUrl(inbox.admin()), event("sms_unsub", "999999", phone));
    assertThat(received.json().get("outcome").asText()).isEqualTo("applied");
    assertThat(inbox.admin().get("/api/contacts/" + id).json().get("optOut").isNull()).isFalse();
  }

  @Test
  void aContactUpdatedInTheCrmChangesTheNameAndEmailOfItsAccountsContactOnly() {
    Known cy = knownToTheCrm(inbox.admin(), "Cy");
    Map<String, String> update = event("update", cy.crmId(), cy.phone());
    update.put("contact[first_name]", "Cyrus");
    update.put("contact[last_name]", "Updated");
    update.put("contact[email]", "cyrus@example.com");
    var received = post(webhookUrl(inbox.admin()), update);
    assertThat(received.json().get("outcome").asText()).as(received.body()).isEqualTo("applied");
    JsonNode contact = inbox.admin().get("/api/contacts/" + cy.id()).json();
    assertThat(contact.get("firstName").asText()).isEqualTo("Cyrus");
    assertThat(contact.get("lastName").asText()).isEqualTo("Updated");
    assertThat(contact.get("email").asText()).isEqualTo("cyrus@example.com");

    // acme's address: acme has no contact of that CRM id or phone, and the default's stays
    Map<String, String> elsewhere = event("update", cy.crmId(), cy.phone());
    elsewhere.put("contact[first_name]", "Mallory");
    var ignored = post(webhookUrl(ACME), elsewhere);
    assertThat(ignored.json().get("outcome").asText()).isEqualTo("ignored");
    assertThat(inbox.admin().get("/api/contacts/" + cy.id()).json().get("firstName").asText())
        .isEqualTo("Cyrus");
  }

  @Test
  void aTagAddedOrRemovedInTheCrmIsTakenForTheContactItNames() {
    Known di = knownToTheCrm(inbox.admin(), "Di");
    String url = webhookUrl(inbox.admin());
    Map<String, String> added = event("contact_tag_added", di.crmId(), di.phone());
    added.put("tag", "Vip");
    assertThat(post(url, added).json().get("outcome").asText()).isEqualTo("applied");
    Map<String, String> removed = event("contact_tag_removed", di.crmId(), di.phone());
    removed.put("tag", "Vip");
    assertThat(post(url, removed).json().get("outcome").asText()).isEqualTo("applied");
    Map<String, String> stranger = event("contact_tag_added", "888888", FreshNumbers.us());
    stranger.put("tag", "Vip");
    assertThat(post(url, stranger).json().get("outcome").asText())
        .as("not a contact of the inbox")
        .isEqualTo("ignored");
    Map<String, String> nameless = event("contact_tag_added", di.crmId(), di.phone());
    var malformed = post(url, nameless);
    assertThat(malformed.status()).as("a tag event without its tag").isEqualTo(400);
  }

  @Test
  void unknownEventsAreAcknowledgedAndCountedBadAddressesAre404AndMalformedPosts400() {
    String url = webhookUrl(inbox.admin());
    double before =
        await().ignoreExceptions().until(() -> webhookCount("other", "ignored"), c -> true);
    var open = post(url, event("open", "1", FreshNumbers.us()));
    assertThat(open.status()).as("ActiveCampaign keeps a webhook that answers 2xx").isEqualTo(200);
    assertThat(open.json().get("outcome").asText()).isEqualTo("ignored");
    await("counted on /metrics")
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> webhookCount("other", "ignored") == before + 1);

    Known eve = knownToTheCrm(inbox.admin(), "Eve");
    Map<String, String> unsubscribe = event("unsubscribe", eve.crmId(), eve.phone());
    String wrong = url.substring(0, url.lastIndexOf('/') + 1) + "not-the-token";
    var unknown = post(wrong, unsubscribe);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.body()).doesNotContain("default").doesNotContain("acme");
    assertThat(crmSend(eve.phone()).status()).as("nothing changed").isEqualTo(202);

    var typeless = post(url, Map.of("contact[id]", eve.crmId()));
    assertThat(typeless.status()).isEqualTo(400);
    assertThat(typeless.contentType()).startsWith("application/problem+json");
    assertThat(typeless.json().get("detail").asText()).contains("'type'");
    var badId = post(url, Map.of("type", "update", "contact[id]", "1 or 1=1"));
    assertThat(badId.status()).isEqualTo(400);

    // a new address: the old one stops working at once
    var rotated = inbox.admin().post("/api/settings/crm/webhook-token", Map.of());
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    String next = rotated.json().get("webhookUrl").asText();
    assertThat(next).isNotEqualTo(url).isEqualTo(webhookUrl(inbox.admin()));
    assertThat(post(url, unsubscribe).status()).isEqualTo(404);
    assertThat(post(next, unsubscribe).json().get("outcome").asText()).isEqualTo("applied");
    assertThat(crmSend(eve.phone()).status()).isEqualTo(409);
  }

  static double webhookCount(String type, String outcome) {
    String body = InboxClient.metrics("/metrics?scope=application", true).body();
    double sum = 0;
    for (String line : body.split("\n")) {
      if (line.startsWith("crm_webhooks_total{")
          && line.contains("type=\"" + type + "\"")
          && line.contains("outcome=\"" + outcome + "\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  // Inbound SMS with the CRM down

  /**
   * Files STOPs (each queues a change for the CRM) from customers the CRM has on list 1, with the
   * CRM answering, answering 500, and too slow to answer (time-outs): the filing rate is printed
   * for each and the ratio to the CRM up (not asserted: the figure goes to the README); every STOP
   * is filed while the CRM fails, and every queued change reaches the CRM once it answers again.
   */
  @Test
  void inboundSmsAreFiledAtTheSameRateWhetherTheCrmAnswersFailsOrHangs() {
    int n = Integer.getInteger("it.crm-rate.messages", 30);
    List<String> all = new ArrayList<>();
    filedPerSecond("warm-up", customers(10, all));
    double up = filedPerSecond("CRM up", customers(n, all));
    crm.answerServerErrors();
    double failing;
    try {
      failing = filedPerSecond("CRM answering 500", customers(n, all));
    } finally {
      crm.answerNormally();
    }
    crm.holdAnswers();
    double hanging;
    try {
      hanging = filedPerSecond("CRM timing out", customers(n, all));
    } finally {
      crm.release();
    }
    System.out.printf(
        "Inbound SMS filed per second: CRM up %.1f, answering 500 %.1f (ratio %.2f), timing out"
            + " %.1f (ratio %.2f)%n",
        up, failing, failing / up, hanging, hanging / up);
    await("every queued change reaches the CRM once it answers again")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                all.stream()
                    .allMatch(
                        crmId ->
                            crm
                                .items("contactLists", Map.of("contact", crmId, "list", "1"))
                                .stream()
                                .anyMatch(cl -> "2".equals(cl.get("status")))));
  }

  /** Customers the CRM has, subscribed to list 1 there; their phones (their CRM ids into all). */
  private static List<String> customers(int n, List<String> all) {
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String phone = FreshNumbers.us();
      String crmId = crm.seed("contacts", Map.of("phone", phone, "firstName", "Rate" + i));
      crm.seed("contactLists", Map.of("contact", crmId, "list", "1", "status", "1"));
      phones.add(phone);
      all.add(crmId);
    }
    return phones;
  }

  /** Delivers a STOP from each; how many were filed a second, from the first delivery on. */
  private static double filedPerSecond(String phase, List<String> phones) {
    double before = LinkIT.metric("sms_received_total");
    long start = System.nanoTime();
    for (String phone : phones) {
      assertThat(inbox.deliver(phone, "STOP")).as("acknowledged (%s)", phase).isZero();
    }
    double acked = phones.size() / ((System.nanoTime() - start) / 1e9);
    await(phase + ": every STOP filed")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> LinkIT.metric("sms_received_total") - before >= phones.size());
    double filed = phones.size() / ((System.nanoTime() - start) / 1e9);
    System.out.printf(
        "%s: %d STOPs acknowledged at %.1f/s, filed at %.1f/s%n",
        phase, phones.size(), acked, filed);
    return filed;
  }
}
