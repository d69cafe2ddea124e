package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.adapter.crm.activecampaign.ActiveCampaignFake;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each CRM account's own connector (GET/PUT /api/settings/crm): one account moves to its
 * ActiveCampaign while another keeps the deployment's connector, and the API token, once given, is
 * never read back.
 */
class CrmSettingsIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  static final HostCrmTokens CRM = HostCrmTokens.ofTheTestServers();
  static final String A = "it-crm-a-" + UUID.randomUUID().toString().substring(0, 8);
  static final String B = "it-crm-b-" + UUID.randomUUID().toString().substring(0, 8);

  static ActiveCampaignFake activeCampaign;

  @BeforeAll
  static void aCrmOfTheirOwn() throws IOException {
    activeCampaign = new ActiveCampaignFake(0);
  }

  @AfterAll
  static void stop() {
    activeCampaign.close();
  }

  @Test
  void anAccountPicksItsOwnCrmAndItsTokenIsNeverReadBack() {
    InboxClient adminA = InboxClient.bearer(CRM.admin().set("account", A).sign());
    InboxClient adminB = InboxClient.bearer(CRM.admin().set("account", B).sign());
    String token = ActiveCampaignFake.TOKEN;

    var before = adminA.get("/api/settings/crm").json();
    assertThat(before.get("own").asBoolean()).isFalse();
    assertThat(before.get("connectors").toString()).contains("activecampaign", "embedded");

    var incomplete =
        adminA.put(
            "/api/settings/crm",
            Map.of("connector", "activecampaign", "settings", Map.of("api-token", token)));
    assertThat(incomplete.status()).isEqualTo(400);
    assertThat(incomplete.json().get("detail").asText()).contains("'url'");
    var unknown = adminA.put("/api/settings/crm", Map.of("connector", "salesforce"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("detail").asText()).contains("activecampaign", "embedded");

    var saved =
        adminA.put(
            "/api/settings/crm",
            Map.of(
                "connector",
                "activecampaign",
                "settings",
                Map.of("url", activeCampaign.url(), "api-token", token)));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.body()).doesNotContain(token).contains("api-token");
    var read = adminA.get("/api/settings/crm");
    assertThat(read.body()).doesNotContain(token);
    assertThat(read.json().get("connector").asText()).isEqualTo("activecampaign");
    assertThat(read.json().get("settings").get("url").asText()).isEqualTo(activeCampaign.url());
    assertThat(read.json().get("secretsSet").toString()).contains("api-token");

    String tag = "Vip " + System.nanoTime();
    long contactA = contact(adminA, "Cleo");
    assertThat(adminA.post("/api/contacts/" + contactA + "/tags", Map.of("name", tag)).status())
        .isEqualTo(201);
    assertThat(activeCampaign.requests("POST", "contactTags"))
        .singleElement()
        .satisfies(r -> assertThat(r.apiToken()).isEqualTo(token));

    // Another account keeps the deployment's connector: nothing of it reaches A's CRM.
    long contactB = contact(adminB, "Dara");
    assertThat(adminB.post("/api/contacts/" + contactB + "/tags", Map.of("name", tag)).status())
        .isEqualTo(201);
    assertThat(activeCampaign.requests("POST", "contactTags")).hasSize(1);
    assertThat(adminB.get("/api/settings/crm").json().get("own").asBoolean()).isFalse();

    // Saved again without the token (a form that never shows it): the token stays.
    var again =
        adminA.put(
            "/api/settings/crm",
            Map.of(
                "connector",
                "activecampaign",
                "settings",
                Map.of("url", activeCampaign.url(), "stage", "Proposal")));
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(
            adminA.post("/api/contacts/" + contactA + "/tags", Map.of("name", "Second")).status())
        .isEqualTo(201);
    assertThat(activeCampaign.requests("POST", "contactTags"))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.apiToken()).isEqualTo(token));
    var audit = adminA.get("/api/audit").body();
    assertThat(audit).contains("settings.crm-saved").doesNotContain(token);
    assertThat(adminB.get("/api/audit").body()).doesNotContain("settings.crm-saved");
    assertThat(
            InboxClient.bearer(CRM.admin().set("account", A).set("groups", List.of("sales")).sign())
                .get("/api/settings/crm")
                .status())
        .isEqualTo(403);
  }

  private static long contact(InboxClient admin, String firstName) {
    var saved =
        admin.post(
            "/api/contacts",
            Map.of("firstName", firstName, "lastName", "Tester", "phone", FreshNumbers.us()));
    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    return saved.json().get("id").asLong();
  }
}
