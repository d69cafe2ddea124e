package dev.smsinbox.adapter.rest.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.smsinbox.it.HostCrmTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The host CRM's key set: rotation is followed, and an outage spares the keys we hold. */
class JwksKeysTest {

  private final RSAPublicKey first = (RSAPublicKey) HostCrmTokens.newKeyPair().getPublic();
  private final RSAPublicKey second = (RSAPublicKey) HostCrmTokens.newKeyPair().getPublic();
  private final AtomicReference<String> published = new AtomicReference<>(set(key(first, "k1")));
  private final AtomicInteger fetches = new AtomicInteger();
  private final HttpServer crm = startCrm();
  private final MovableClock clock = new MovableClock();
  private final JwksKeys keys =
      new JwksKeys(
          URI.create("http://127.0.0.1:" + crm.getAddress().getPort() + "/jwks.json"), clock);

  @AfterEach
  void stop() {
    crm.stop(0);
  }

  @Test
  void aRotatedKeyIsFetchedWhenATokenNamesIt() throws Exception {
    assertThat(keys.find("k1")).isEqualTo(first);
    published.set(set(key(first, "k1"), key(second, "k2")));
    clock.move(JwksKeys.MIN_REFETCH.plusSeconds(1));

    assertThat(keys.find("k2")).isEqualTo(second);
    assertThat(fetches).hasValue(2);
  }

  @Test
  void madeUpKeyIdsDoNotMakeUsFetchAgainAndAgain() throws Exception {
    keys.find("k1");
    for (int i = 0; i < 5; i++) {
      String kid = "made-up-" + i;
      assertThatThrownBy(() -> keys.find(kid))
          .isInstanceOf(RefusedToken.class)
          .hasMessageContaining("(signature)")
          .hasMessageContaining(kid);
    }
    assertThat(fetches).hasValue(1);
  }

  @Test
  void whileTheCrmIsDownKnownKeysWorkAndUnknownOnesAnswerUnavailable() throws Exception {
    keys.find("k1");
    crm.stop(0);
    clock.move(JwksKeys.MAX_AGE.plusMinutes(1));

    assertThat(keys.find("k1")).isEqualTo(first);
    clock.move(JwksKeys.MIN_REFETCH.plusSeconds(1));
    assertThatThrownBy(() -> keys.find("k2"))
        .isInstanceOf(KeysUnavailable.class)
        .hasMessageContaining("kid k2")
        .hasMessageContaining("cannot be fetched");
  }

  @Test
  void aTokenWithoutKidUsesTheOnlyKey() throws Exception {
    assertThat(keys.find(null)).isEqualTo(first);
  }

  private HttpServer startCrm() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/jwks.json",
          exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static RSAKey key(RSAPublicKey key, String kid) {
    return new RSAKey.Builder(key).keyID(kid).build();
  }

  private static String set(RSAKey... keys) {
    return new JWKSet(List.of(keys)).toString();
  }

  private static final class MovableClock extends Clock {
    private Instant now = Instant.now();

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
