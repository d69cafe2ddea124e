package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only administrators reach the inbox: anonymous callers get 401, other users 403, as problems. */
class AccessIT {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/inbox/conversations",
        "/api/inbox/unread-count",
        "/api/numbers",
        "/api/inbox/conversations/1"
      })
  void onlyAdminsReadTheInbox(String path) {
    var anonymous = InboxClient.anonymous().get(path);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");
    assertThat(anonymous.json().get("detail").asText()).isNotBlank();

    var agent = InboxClient.agent().get(path);
    assertThat(agent.status()).isEqualTo(403);
    assertThat(agent.contentType()).startsWith("application/problem+json");
    assertThat(agent.json().get("detail").asText()).contains("administrator");

    assertThat(InboxClient.crm().get(path).status()).isEqualTo(403);
    assertThat(InboxClient.admin().get(path).status()).isIn(200, 404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/index.html", "/simulator.html"})
  void onlyAdminsSeeTheScreens(String path) {
    assertThat(InboxClient.anonymous().get(path).status()).isEqualTo(401);
    assertThat(InboxClient.agent().get(path).status()).isEqualTo(403);
    var admin = InboxClient.admin().get(path);
    assertThat(admin.status()).isEqualTo(200);
    assertThat(admin.body()).contains("<html");
  }

  @org.junit.jupiter.api.Test
  void agentsCannotReply() {
    var refused =
        InboxClient.agent().post("/api/inbox/conversations/1/messages", Map.of("text", "hi"));
    assertThat(refused.status()).isEqualTo(403);
  }

  /**
   * The API's description is for those who may call it: Liberty's /openapi leaves the inbox out
   * outside the demo run (LinkIT), and the app's own copy needs an admin or the CRM's service user.
   */
  @org.junit.jupiter.api.Test
  void theApiDescriptionNeedsSignIn() {
    var anonymous = InboxClient.anonymous().get("/api/openapi");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body()).doesNotContain("/api/inbox");
    assertThat(InboxClient.agent().get("/api/openapi").status()).isEqualTo(403);

    var admin = InboxClient.admin().get("/api/openapi");
    assertThat(admin.status()).isEqualTo(200);
    assertThat(admin.contentType()).startsWith("application/json");
    assertThat(admin.json().get("openapi").asText()).startsWith("3.");
    assertThat(admin.json().get("paths").has("/api/inbox/conversations")).isTrue();
    assertThat(admin.json().get("paths").has("/api/reports")).isTrue();

    var crm = InboxClient.crm().get("/api/openapi", "Accept", "application/yaml");
    assertThat(crm.status()).isEqualTo(200);
    assertThat(crm.body()).contains("openapi: 3.").contains("/api/contacts/{id}:");
  }
}
