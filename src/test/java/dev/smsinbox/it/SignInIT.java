package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sign-in from the host CRM (CONTRACT.md): its tokens on the API, the launch into its iframe, and
 * every token it would never sign refused with the check that failed — and nothing changed.
 */
class SignInIT {

  static final HostCrmTokens CRM = HostCrmTokens.ofTheTestServers();
  static final String CRM_ORIGIN = "http://127.0.0.1:" + System.getProperty("it.crm.port", "9596");

  static List<Arguments> tokensTheCrmWouldNeverSign() {
    var otherKey = (RSAPrivateKey) HostCrmTokens.newKeyPair().getPrivate();
    return List.of(
        Arguments.of("signature", "does not match", CRM.admin().signWith(otherKey)),
        Arguments.of(
            "issuer",
            "https://other-crm.example",
            CRM.admin().set("iss", "https://other-crm.example").sign()),
        Arguments.of("audience", "another-app", CRM.admin().set("aud", "another-app").sign()),
        Arguments.of("expired", "expired at", CRM.admin().expiresIn(Duration.ofMinutes(-5)).sign()),
        Arguments.of("no account", "'account' claim", CRM.admin().without("account").sign()),
        Arguments.of("signature", "alg none", CRM.admin().unsigned()),
        Arguments.of("signature", "HS256", CRM.admin().hs256WithThePublicKey()));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("tokensTheCrmWouldNeverSign")
  void aRefusedTokenAnswers401NamingTheCheckAndChangesNothing(
      String check, String why, String token) {
    long balance = InboxClient.admin().get("/api/credits").json().get("balance").asLong();

    var refused =
        InboxClient.bearer(token)
            .post("/api/credits/top-ups", Map.of("amount", 1000, "reason", "forged"));

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("detail").asText())
        .startsWith("Token refused (" + check + ")")
        .contains(why);
    assertThat(refused.json().get("check").asText()).isEqualTo(check);
    assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
    assertThat(InboxClient.admin().get("/api/credits").json().get("balance").asLong())
        .isEqualTo(balance);

    var launch = launch(token);
    assertThat(launch.statusCode()).isEqualTo(401);
    assertThat(launch.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void aBearerTokenOfAnAdministratorReadsAndChangesTheInbox() {
    var admin = InboxClient.bearer(CRM.admin().sign());

    assertThat(admin.get("/api/inbox/conversations").status()).isEqualTo(200);
    String number = FreshNumbers.us();
    var saved = admin.post("/api/numbers", InboxClient.twoWayNumber(number));
    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    assertThat(admin.get("/api/numbers").body()).contains(number);
    // Credits are sold by the CRM: its service token adds them, an admin's may not.
    var crm = InboxClient.bearer(CRM.admin().set("groups", List.of("crm-service")).sign());
    long before = admin.get("/api/credits").json().get("balance").asLong();
    assertThat(admin.post("/api/credits/top-ups", Map.of("amount", 5)).status()).isEqualTo(403);
    var topUp = crm.post("/api/credits/top-ups", Map.of("amount", 5, "reason", "by token"));
    assertThat(topUp.status()).isEqualTo(201);
    assertThat(admin.get("/api/credits").json().get("balance").asLong()).isEqualTo(before + 5);

    var me = admin.get("/api/me").json();
    assertThat(me.get("id").asText()).isEqualTo("crm-user-7");
    assertThat(me.get("name").asText()).isEqualTo("Dana Admin");
    assertThat(me.get("accountId").asText()).isEqualTo("acme");
    assertThat(me.get("roles").toString()).isEqualTo("[\"admin\"]");
  }

  @Test
  void aTokenWithoutTheAdminGroupIsForbiddenTheInbox() {
    var sales = InboxClient.bearer(CRM.admin().set("groups", List.of("sales")).sign());

    var refused = sales.get("/api/inbox/conversations");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("detail").asText()).contains("administrator");
    assertThat(sales.get("/").status()).isEqualTo(403);
  }

  @Test
  void theCrmServiceGroupSendsAsTheCrm() {
    var service = InboxClient.bearer(CRM.admin().set("groups", List.of("crm-service")).sign());

    assertThat(service.post("/api/sms/messages", Map.of()).status()).isNotIn(401, 403);
    assertThat(service.get("/api/inbox/conversations").status()).isEqualTo(403);
  }

  @Test
  void theLiveEventsTakeABearerToken() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(InboxClient.BASE + "/api/inbox/events"))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + CRM.admin().sign())
            .build();
    HttpResponse<java.io.InputStream> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (var in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(response.statusCode()).isEqualTo(200);
      // The stream opens with the unread total.
      CompletableFuture<String> first =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  String line;
                  while ((line = in.readLine()) != null) {
                    if (line.startsWith("event:")) {
                      return line.substring(6).strip();
                    }
                  }
                  return null;
                } catch (java.io.IOException e) {
                  return null;
                }
              });
      assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("unread.count");
    }
  }

  @Test
  void theLiveEventsEndWithTheSession() throws Exception {
    String cookie =
        launch(CRM.admin().expiresIn(Duration.ofSeconds(3)).sign())
            .headers()
            .firstValue("Set-Cookie")
            .orElseThrow();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(InboxClient.BASE + "/api/inbox/events"))
            .header("Accept", "text/event-stream")
            .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
            .build();
    HttpResponse<java.io.InputStream> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    try (var in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      CompletableFuture<Boolean> ended =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  while (in.readLine() != null) {
                    // events until the session's end
                  }
                  return true;
                } catch (java.io.IOException e) {
                  return true;
                }
              });
      assertThat(ended.get(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void theLaunchStartsASessionInACookieForTheIframeAndOpensTheInbox() {
    var launch = launch(CRM.admin().sign());

    assertThat(launch.statusCode()).isEqualTo(303);
    assertThat(launch.headers().firstValue("Location")).contains("/");
    String cookie = launch.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .startsWith("smsinbox_session=")
        .contains("HttpOnly", "SameSite=None", "Secure", "Path=/")
        .containsPattern("Max-Age=(5\\d\\d|600)\\b");

    var session = InboxClient.anonymous().with("Cookie", cookie.substring(0, cookie.indexOf(';')));
    var screen = session.get("/");
    assertThat(screen.status()).isEqualTo(200);
    assertThat(screen.body()).contains("<html");
    var me = session.get("/api/me").json();
    assertThat(me.get("name").asText()).isEqualTo("Dana Admin");
    assertThat(me.get("sessionExpiresAt").asText()).isNotBlank();
    assertThat(me.get("hostOrigins").toString()).contains(CRM_ORIGIN);
  }

  @Test
  void aLaunchComesFromTheCrmOrNowhereElse() throws Exception {
    HttpResponse<String> launch =
        http(
            HttpRequest.newBuilder(URI.create(InboxClient.BASE + "/launch"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", CRM_ORIGIN)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "jwt=" + URLEncoder.encode(CRM.admin().sign(), StandardCharsets.UTF_8))));
    assertThat(launch.statusCode()).isEqualTo(303);
    assertThat(launch.headers().firstValue("Set-Cookie")).isPresent();

    HttpResponse<String> foreign =
        http(
            HttpRequest.newBuilder(URI.create(InboxClient.BASE + "/launch"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("jwt=" + CRM.admin().sign())));
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.headers().firstValue("Set-Cookie")).isEmpty();

    HttpResponse<String> linkedFromElsewhere =
        http(
            HttpRequest.newBuilder(
                    URI.create(
                        InboxClient.BASE
                            + "/launch?jwt="
                            + URLEncoder.encode(CRM.admin().sign(), StandardCharsets.UTF_8)))
                .header("Referer", "https://evil.example/page")
                .GET());
    assertThat(linkedFromElsewhere.statusCode()).isEqualTo(403);
    assertThat(linkedFromElsewhere.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void withTheSessionOnlyTheCrmsOriginsAndTheInboxItselfChangeThings() {
    String cookie = launch(CRM.admin().sign()).headers().firstValue("Set-Cookie").orElseThrow();
    var session = InboxClient.anonymous().with("Cookie", cookie.substring(0, cookie.indexOf(';')));
    String forgedNumber = FreshNumbers.us();
    String unsaidNumber = FreshNumbers.us();

    var forged =
        session
            .with("Origin", "https://evil.example")
            .post("/api/numbers", InboxClient.twoWayNumber(forgedNumber));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.json().get("detail").asText())
        .contains("https://evil.example")
        .contains("AUTH_ALLOWED_ORIGINS");
    var unsaid = session.post("/api/numbers", InboxClient.twoWayNumber(unsaidNumber));
    assertThat(unsaid.status()).isEqualTo(403);
    assertThat(session.get("/api/numbers").body()).doesNotContain(forgedNumber, unsaidNumber);

    var fromTheCrm =
        session
            .with("Origin", CRM_ORIGIN)
            .post("/api/numbers", InboxClient.twoWayNumber(FreshNumbers.us()));
    assertThat(fromTheCrm.status()).isEqualTo(201);
    var fromTheScreens =
        session
            .with("Origin", InboxClient.BASE)
            .post("/api/numbers", InboxClient.twoWayNumber(FreshNumbers.us()));
    assertThat(fromTheScreens.status()).isEqualTo(201);
  }

  @Test
  void aLaunchWithoutTheAdminGroupOpensNoSession() {
    var launch = launch(CRM.admin().set("groups", List.of("sales")).sign());
    assertThat(launch.statusCode()).isEqualTo(403);
    assertThat(launch.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void anEndedSessionAsksForANewLaunch() {
    var ended =
        InboxClient.anonymous().with("Cookie", "smsinbox_session=eyJhbGciOiJIUzI1NiJ9.e30.x");
    var answer = ended.get("/api/inbox/unread-count");
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().get("detail").asText()).contains("open the inbox again");
    assertThat(answer.header("Set-Cookie")).contains("Max-Age=0");
  }

  private static HttpResponse<String> launch(String token) {
    return http(
        HttpRequest.newBuilder(
                URI.create(
                    InboxClient.BASE
                        + "/launch?jwt="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8)))
            .GET());
  }

  private static HttpResponse<String> http(HttpRequest.Builder request) {
    try {
      return HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .build()
          .send(
              request.timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
