package dev.smsinbox.adapter.rest.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.application.Caller;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The screens' session: a cookie that works in the host's iframe and cannot be forged. */
class SessionsTest {

  private final Instant now = Instant.parse("2026-12-03T08:00:00Z");
  private final Sessions sessions =
      new Sessions("0123456789abcdef0123456789abcdef".getBytes(), Clock.fixed(now, ZoneOffset.UTC));
  private final Caller dana =
      new Caller(
          "crm-user-7",
          "Dana Admin",
          "dana@acme.example",
          "acme",
          Set.of("admin"),
          Optional.empty());

  @Test
  void theSessionLastsUntilTheTokensExpiryAtMostTwelveHours() {
    assertThat(sessions.start(dana, now.plus(Duration.ofMinutes(30))).expires())
        .isEqualTo(now.plus(Duration.ofMinutes(30)));
    assertThat(sessions.start(dana, now.plus(Duration.ofDays(3))).expires())
        .isEqualTo(now.plus(Duration.ofHours(12)));
  }

  @Test
  void overHttpsTheCookieTravelsInAThirdPartyIframe() {
    String cookie =
        sessions.cookie(sessions.start(dana, now.plusSeconds(600)), request("inbox.example", true));
    assertThat(cookie)
        .startsWith("smsinbox_session=")
        .contains("; Max-Age=600", "; Path=/", "; HttpOnly", "; Secure", "; SameSite=None")
        .contains("; Partitioned");
  }

  @Test
  void onLoopbackHttpTheCookieIsSecureTooAsBrowsersAllowThere() {
    assertThat(
            sessions.cookie(sessions.start(dana, now.plusSeconds(60)), request("localhost", false)))
        .contains("; Secure; SameSite=None");
  }

  @Test
  void onPlainHttpElsewhereTheCookieIsLaxNotRefused() {
    assertThat(sessions.cookie(sessions.start(dana, now.plusSeconds(60)), request("inbox", false)))
        .contains("; SameSite=Lax")
        .doesNotContain("Secure");
  }

  @Test
  void theCookieReadsBackAsTheSameCaller() {
    Sessions.Session session = sessions.start(dana, now.plusSeconds(600));
    String value = value(sessions.cookie(session, request("localhost", false)));

    Optional<Sessions.Session> read = sessions.read(withCookie(value));
    assertThat(read).isPresent();
    assertThat(read.get().caller()).isEqualTo(dana);
    assertThat(read.get().expires()).isEqualTo(session.expires());
  }

  @Test
  void aChangedOrForeignCookieIsNoSession() {
    String value =
        value(sessions.cookie(sessions.start(dana, now.plusSeconds(600)), request("x", true)));
    String[] parts = value.split("\\.");
    String otherPayload =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "{\"sub\":\"mallory\",\"acc\":\"acme\",\"roles\":[\"admin\"],\"exp\":9999999999}"
                    .getBytes());
    assertThat(sessions.read(withCookie(parts[0] + "." + otherPayload + "." + parts[2]))).isEmpty();

    Sessions otherServer =
        new Sessions(
            "another-secret-another-secret-xx".getBytes(), Clock.fixed(now, ZoneOffset.UTC));
    assertThat(otherServer.read(withCookie(value))).isEmpty();
  }

  @Test
  void anEndedSessionIsNoSession() {
    String value =
        value(sessions.cookie(sessions.start(dana, now.plusSeconds(60)), request("x", true)));
    Sessions later =
        new Sessions(
            "0123456789abcdef0123456789abcdef".getBytes(),
            Clock.fixed(now.plusSeconds(61), ZoneOffset.UTC));
    assertThat(later.read(withCookie(value))).isEmpty();
  }

  private static String value(String setCookie) {
    return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
  }

  private static HttpServletRequest request(String host, boolean secure) {
    return fake(host, secure, null);
  }

  private static HttpServletRequest withCookie(String value) {
    return fake("localhost", false, new Cookie[] {new Cookie(Sessions.COOKIE, value)});
  }

  private static HttpServletRequest fake(String host, boolean secure, Cookie[] cookies) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            SessionsTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getServerName" -> host;
                  case "isSecure" -> secure;
                  case "getContextPath" -> "";
                  case "getCookies" -> cookies;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
