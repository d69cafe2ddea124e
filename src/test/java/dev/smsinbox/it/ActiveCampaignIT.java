package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smsinbox.adapter.crm.activecampaign.ActiveCampaignFake;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
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
}
