package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser's doors (issue 17): with the session cookie, a change needs the inbox's or the host
 * CRM's Origin, or the session's CSRF token; a page elsewhere changes nothing, even with a
 * body-less POST. The pages say where they may load from and post to.
 */
class BrowserDoorsIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  static final HostCrmTokens CRM = HostCrmTokens.ofTheTestServers();
  static final String EVIL = "https://evil.example";

  @Test
  void bodylessPostsFromAnotherSiteChangeNothing() {
    String customer = FreshNumbers.us();
    long id = inbox.conversationWith(customer);
    await().until(() -> unread(id) == 1);
    InboxClient session = session();

    var read = session.with("Origin", EVIL).post("/api/inbox/conversations/" + id + "/read", "");
    assertThat(read.status()).isEqualTo(403);
    assertThat(read.contentType()).startsWith("application/problem+json");
    assertThat(read.json().get("detail").asText()).contains(EVIL, "X-CSRF-Token");
    assertThat(unread(id)).isEqualTo(1);

    assertThat(session.post("/api/inbox/conversations/" + id + "/read", "").status())
        .as("no Origin at all")
        .isEqualTo(403);
    assertThat(
            session
                .with("Origin", EVIL)
                .post("/api/inbox/conversations/" + id + "/draft-reply", "")
                .status())
        .isEqualTo(403);
    assertThat(session.with("Origin", EVIL).post("/api/contacts/1/restore", "").status())
        .isEqualTo(403);
    assertThat(
            session
                .with("Origin", EVIL)
                .with("X-CSRF-Token", "forged")
                .post("/api/inbox/conversations/" + id + "/read", "")
                .status())
        .isEqualTo(403);
    assertThat(unread(id)).isEqualTo(1);
  }

  @Test
  void theSessionsCsrfTokenLetsAChangeThroughWithoutAnOrigin() {
    String customer = FreshNumbers.us();
    long id = inbox.conversationWith(customer);
    await().until(() -> unread(id) == 1);
    InboxClient session = session();
    String token = session.get("/api/me").json().get("csrfToken").asText();
    assertThat(token).isNotBlank();

    var read =
        session.with("X-CSRF-Token", token).post("/api/inbox/conversations/" + id + "/read", "");
    assertThat(read.status()).isEqualTo(204);
    assertThat(unread(id)).isZero();
    assertThat(
            session
                .with("Origin", InboxClient.BASE)
                .post("/api/inbox/conversations/" + id + "/unread", "")
                .status())
        .isEqualTo(204);
  }

  @Test
  void pagesMayNotChangeTheirBaseNorPostElsewhere() {
    String policy = inbox.admin().get("/").header("Content-Security-Policy");
    assertThat(policy).contains("base-uri 'self'", "form-action 'self'", "frame-ancestors");
    assertThat(inbox.admin().get("/").header("Strict-Transport-Security"))
        .as("no HSTS over plain HTTP")
        .isNull();
  }

  private static int unread(long id) {
    return inbox.admin().get("/api/inbox/conversations/" + id).json().get("unreadCount").asInt();
  }

  /** A session as the host CRM's launch starts it in the browser. */
  private static InboxClient session() {
    try {
      HttpResponse<String> launch =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              InboxClient.BASE
                                  + "/launch?jwt="
                                  + URLEncoder.encode(
                                      // The account of the demo users' conversations.
                                      CRM.admin().set("account", "default").sign(),
                                      StandardCharsets.UTF_8)))
                      .timeout(Duration.ofSeconds(20))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(launch.statusCode()).isEqualTo(303);
      String cookie = launch.headers().firstValue("Set-Cookie").orElseThrow();
      return InboxClient.anonymous().with("Cookie", cookie.substring(0, cookie.indexOf(';')));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
