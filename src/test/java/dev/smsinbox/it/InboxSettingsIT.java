package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The AI settings through the API: what a save refuses, and what it reports about pages. */
class InboxSettingsIT {

  static final InboxClient admin = InboxClient.admin();

  static Map<String, Object> settings(boolean draftReply, boolean acknowledged) {
    Map<String, Object> s = new HashMap<>();
    s.put("draftReply", draftReply);
    s.put("conversationSummary", false);
    s.put("mistakesAcknowledged", acknowledged);
    s.put("role", "PROFESSIONAL");
    s.put(
        "brandKit",
        Map.of("brandName", "Acme", "signOff", "- Acme", "wordsToAvoid", List.of("cheap")));
    s.put("faq", List.of(Map.of("question", "Do you ship abroad?", "answer", "Only to Canada.")));
    s.put("urls", List.of());
    return s;
  }

  @Test
  void draftReplyCannotBeTurnedOnWithoutTheTick() {
    var refused = admin.put("/api/settings/inbox", settings(true, false));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("detail").asText()).contains("AI can make mistakes");
  }

  @Test
  void aSaveWithTheTickIsReadBack() {
    var saved = admin.put("/api/settings/inbox", settings(true, true));
    assertThat(saved.status()).isEqualTo(200);
    JsonNode read = admin.get("/api/settings/inbox").json();
    assertThat(read.get("draftReply").asBoolean()).isTrue();
    assertThat(read.get("role").asText()).isEqualTo("PROFESSIONAL");
    assertThat(read.get("brandKit").get("signOff").asText()).isEqualTo("- Acme");
    assertThat(read.get("brandKit").get("wordsToAvoid").get(0).asText()).isEqualTo("cheap");
    assertThat(read.get("faq").get(0).get("answer").asText()).isEqualTo("Only to Canada.");
  }

  @Test
  void atMostThreeUrls() {
    Map<String, Object> s = settings(false, false);
    s.put(
        "urls",
        List.of(
            "https://a.example/1",
            "https://a.example/2",
            "https://a.example/3",
            "https://a.example/4"));
    var refused = admin.put("/api/settings/inbox", s);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("detail").asText()).contains("at most 3 web pages");
  }

  @Test
  void theRoleComesFromTheFixedList() {
    Map<String, Object> s = settings(false, false);
    s.put("role", "Pirate");
    var refused = admin.put("/api/settings/inbox", s);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("detail").asText()).contains("Pirate").contains("FRIENDLY");

    JsonNode roles = admin.get("/api/settings/inbox/roles").json();
    assertThat(roles).hasSize(5);
    assertThat(roles.findValuesAsText("name"))
        .containsExactly("Friendly", "Professional", "Concise", "Empathetic", "Enthusiastic");
  }

  @Test
  void anUnreachablePageIsReportedByUrlAndTheOthersAreKept() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String unreachable = "http://127.0.0.1:" + closedPort + "/prices";
    try (PageServer site =
        new PageServer(Map.of("/about", "<html><body><p>We repair bikes.</p></body></html>"))) {
      Map<String, Object> s = settings(false, false);
      s.put("urls", List.of(site.url("/about"), unreachable));
      var saved = admin.put("/api/settings/inbox", s);
      assertThat(saved.status()).isEqualTo(200);
      JsonNode pages = saved.json().get("pages");
      assertThat(pages.get(0).get("url").asText()).isEqualTo(site.url("/about"));
      assertThat(pages.get(0).get("status").asText()).isEqualTo("FETCHED");
      assertThat(pages.get(0).get("characters").asInt()).isPositive();
      assertThat(pages.get(1).get("url").asText()).isEqualTo(unreachable);
      assertThat(pages.get(1).get("status").asText()).isEqualTo("FAILED");
      assertThat(pages.get(1).get("detail").asText()).isNotBlank();
    }
  }

  @Test
  void notAnHttpAddressIsRefused() {
    Map<String, Object> s = settings(false, false);
    s.put("urls", List.of("file:///etc/passwd"));
    assertThat(admin.put("/api/settings/inbox", s).status()).isEqualTo(400);
  }

  @Test
  void onlyAdminsSeeTheSettings() {
    assertThat(InboxClient.agent().get("/api/settings/inbox").status()).isEqualTo(403);
    assertThat(InboxClient.anonymous().get("/api/settings/inbox").status()).isEqualTo(401);
  }
}
