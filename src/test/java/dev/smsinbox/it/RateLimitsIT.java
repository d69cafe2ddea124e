package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failed sign-ins per address and drafts per admin: 429 with Retry-After beyond the limit. The test
 * servers exempt loopback from the sign-in limit (every IT calls from there) and set it to 5; this
 * test fails its sign-ins from 127.0.0.2.
 */
class RateLimitsIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  static final HostCrmTokens CRM = HostCrmTokens.ofTheTestServers();
  static final int PORT = Integer.parseInt(System.getProperty("it.http.port", "9080"));

  record RawAnswer(int status, String retryAfter, String body) {}

  /** A GET /api/me sent from 127.0.0.2 (another client address than the other ITs'). */
  static RawAnswer fromAnotherAddress(String authorization) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress("127.0.0.2", 0));
      socket.connect(new InetSocketAddress("127.0.0.1", PORT), 5000);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/me HTTP/1.1\r\nHost: localhost:"
                  + PORT
                  + "\r\n"
                  + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.split(" ", 3)[1]);
      String retryAfter = null;
      for (String line : answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("retry-after:")) {
          retryAfter = line.substring("retry-after:".length()).strip();
        }
      }
      return new RawAnswer(status, retryAfter, answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }
  }

  @Test
  void beyondFiveRefusedSignInsAnAddressWaitsAndOthersDoNot() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(fromAnotherAddress("Bearer not-a-token").status()).isEqualTo(401);
    }
    RawAnswer refused = fromAnotherAddress("Bearer not-a-token");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(Long.parseLong(refused.retryAfter())).isBetween(1L, 60L);
    assertThat(refused.body()).contains("Too many refused sign-ins");
    // A good token from that address waits too: the address is guessing.
    String good = "Bearer " + CRM.admin().sign();
    assertThat(fromAnotherAddress(good).status()).isEqualTo(429);
    // Other addresses are not held back by it.
    assertThat(InboxClient.bearer("not-a-token").get("/api/me").status()).isEqualTo(401);
    assertThat(InboxClient.bearer(CRM.admin().sign()).get("/api/me").status()).isEqualTo(200);
  }

  @Test
  void draftsPerAdminBeyondTheLimitAreAnswered429() {
    String account = "it-rate-" + UUID.randomUUID().toString().substring(0, 8);
    InboxClient admin =
        InboxClient.bearer(CRM.admin().set("account", account).set("sub", "rate-admin").sign());
    InboxClient other =
        InboxClient.bearer(CRM.admin().set("account", account).set("sub", "rate-other").sign());
    // Every try counts, found or not: 30 a minute by default.
    for (int i = 0; i < 30; i++) {
      assertThat(admin.post("/api/inbox/conversations/999999999/draft-reply", "").status())
          .isEqualTo(404);
    }
    InboxClient.Answer limited = admin.post("/api/inbox/conversations/999999999/draft-reply", "");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isNotBlank();
    assertThat(limited.contentType()).contains("problem+json");
    assertThat(other.post("/api/inbox/conversations/999999999/draft-reply", "").status())
        .isEqualTo(404);
  }
}
