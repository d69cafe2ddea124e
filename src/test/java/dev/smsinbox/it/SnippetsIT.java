package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Saved replies (issue 21; CONTRACT rows GET/POST /api/snippets, PUT/DELETE /api/snippets/{id} and
 * the preview's expanded/missing): an account's snippets, their merge fields filled in for the
 * conversation's contact, a field with no value and no fallback blocking the send, and another
 * account's admin finding none of them.
 */
class SnippetsIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  static final HostCrmTokens CRM = HostCrmTokens.ofTheTestServers();
  static InboxClient other;
  static String customer;
  static long conversation;

  @BeforeAll
  static void aCustomerWithAFirstNameAndNoEmail() {
    other =
        InboxClient.bearer(
            CRM.admin()
                .set("account", "it-s-" + UUID.randomUUID().toString().substring(0, 8))
                .set("sub", "crm-user-77")
                .sign());
    customer = FreshNumbers.us();
    conversation = inbox.conversationWith(customer);
    var saved =
        inbox
            .admin()
            .post(
                "/api/contacts",
                Map.of("firstName", "Ada", "lastName", "", "phone", customer, "email", ""));
    assertThat(saved.status()).as(saved.body()).isBetween(200, 201);
  }

  @Test
  void snippetsAreCreatedListedChangedAndDeletedInTheirAccountOnly() {
    String name = "welcome-" + UUID.randomUUID().toString().substring(0, 6);
    var created =
        inbox
            .admin()
            .post("/api/snippets", Map.of("name", name, "text", "Hi {{contact.firstName|there}}!"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    assertThat(inbox.admin().get("/api/snippets").body()).contains(name);
    assertThat(inbox.admin().post("/api/snippets", Map.of("name", name, "text", "x")).status())
        .isEqualTo(409);
    var bad =
        inbox.admin().post("/api/snippets", Map.of("name", name + "2", "text", "{{contact.nme}}"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
    assertThat(bad.json().get("detail").asText()).contains("contact.nme");

    // Another account's admin: nothing listed, every id not found, nothing changed.
    assertThat(other.get("/api/snippets").body()).doesNotContain(name);
    List<InboxClient.Answer> answers =
        List.of(
            other.get("/api/snippets/" + id),
            other.put("/api/snippets/" + id, Map.of("name", "B's", "text", "B")),
            other.delete("/api/snippets/" + id),
            other.post("/api/inbox/compose/preview", Map.of("snippetId", id)));
    assertThat(answers)
        .allSatisfy(
            a -> {
              assertThat(a.status()).as(a.body()).isEqualTo(404);
              assertThat(a.contentType()).startsWith("application/problem+json");
              assertThat(a.body()).doesNotContain("contact.firstName");
            });

    var changed =
        inbox
            .admin()
            .put("/api/snippets/" + id, Map.of("name", name, "text", "Bye {{contact.firstName}}"));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(inbox.admin().get("/api/snippets/" + id).json().get("text").asText())
        .isEqualTo("Bye {{contact.firstName}}");
    assertThat(inbox.admin().delete("/api/snippets/" + id).status()).isEqualTo(204);
    assertThat(inbox.admin().get("/api/snippets/" + id).status()).isEqualTo(404);
    assertThat(inbox.admin().get("/api/audit?limit=20").body())
        .contains("snippet.created", "snippet.updated", "snippet.deleted");
  }

  @Test
  void thePreviewCountsTheExpandedTextAndNamesWhatIsMissing() {
    var p =
        inbox
            .admin()
            .post(
                "/api/inbox/compose/preview",
                Map.of(
                    "text",
                    "Hi {{contact.firstName|there}}, {{contact.email}}",
                    "conversationId",
                    conversation))
            .json();
    assertThat(p.get("expanded").asText()).isEqualTo("Hi Ada, {{contact.email}}");
    assertThat(p.get("missing").toString()).isEqualTo("[\"contact.email\"]");

    String name = "fallback-" + UUID.randomUUID().toString().substring(0, 6);
    long id =
        inbox
            .admin()
            .post("/api/snippets", Map.of("name", name, "text", "Dear {{contact.lastName|friend}}"))
            .json()
            .get("id")
            .asLong();
    var fromSnippet =
        inbox
            .admin()
            .post(
                "/api/inbox/compose/preview",
                Map.of("snippetId", id, "conversationId", conversation))
            .json();
    assertThat(fromSnippet.get("expanded").asText()).isEqualTo("Dear friend");
    assertThat(fromSnippet.get("characters").asInt()).isEqualTo("Dear friend".length());
    assertThat(fromSnippet.get("missing")).isEmpty();

    // Without a conversation, a sample contact fills the fields (the saved replies screen's
    // preview); its blank first name takes the fallback, an email it lacks is missing.
    var sample =
        inbox
            .admin()
            .post(
                "/api/inbox/compose/preview",
                Map.of(
                    "text",
                    "Hi {{contact.firstName|there}} {{contact.lastName}}, {{inbox.number}}"
                        + " {{contact.email}}",
                    "sample",
                    Map.of("firstName", " ", "lastName", "Rossi", "inboxNumber", "+15555550100")))
            .json();
    assertThat(sample.get("expanded").asText())
        .isEqualTo("Hi there Rossi, +15555550100 {{contact.email}}");
    assertThat(sample.get("missing").toString()).isEqualTo("[\"contact.email\"]");
    assertThat(sample.get("characters").asInt())
        .isEqualTo("Hi there Rossi, +15555550100 {{contact.email}}".length());
  }

  @Test
  void aReplyGoesOutExpandedAndAFieldWithoutValueNorFallbackBlocksIt() {
    String path = "/api/inbox/conversations/" + conversation + "/messages";
    var blocked = inbox.admin().post(path, Map.of("text", "Your mail: {{contact.email}}"));
    assertThat(blocked.status()).as(blocked.body()).isEqualTo(422);
    assertThat(blocked.contentType()).startsWith("application/problem+json");
    assertThat(blocked.json().get("detail").asText()).contains("contact.email");
    assertThat(inbox.admin().get("/api/inbox/conversations/" + conversation).body())
        .doesNotContain("Your mail");

    var sent =
        inbox.admin().post(path, Map.of("text", "Hello {{contact.firstName|there}} {{x|y}}"));
    assertThat(sent.status()).isEqualTo(422);
    var ok = inbox.admin().post(path, Map.of("text", "Hello {{contact.firstName|there}}!"));
    assertThat(ok.status()).as(ok.body()).isEqualTo(202);
    assertThat(ok.json().get("text").asText()).isEqualTo("Hello Ada!");
    await("the SMSC receives the expanded reply")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                inbox.smsc().submissions().stream()
                    .anyMatch(
                        s ->
                            s.to().endsWith(customer.substring(1))
                                && s.text().equals("Hello Ada!")));
  }
}
