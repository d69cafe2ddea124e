package dev.smsinbox.adapter.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * Webhook signature version 2 (issue 17) as a receiver checks it with the README's verifier: a
 * non-ASCII body verifies from the bytes that leave, a replay older than 5 minutes does not, and
 * during a rotation both the old and the new secret verify.
 */
class WebhookSignatureTest {

  static final Instant SENT = Instant.parse("2026-12-03T10:00:00Z");
  static final String BODY =
      "{\"accountId\":\"default\",\"from\":\"+393401234567\",\"message\":{\"text\":\"Ciao, è già"
          + " l'ora? Grüße — 😀 ✓\"}}";

  @Test
  void aNonAsciiBodyVerifiesFromTheBytesThatLeaveWithItsCharsetNamed() throws Exception {
    Exchange sent = signed(BODY, "s3cret", null);

    byte[] body = sent.getMessage().getBody(byte[].class);
    assertThat(body).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8));
    assertThat(sent.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class))
        .isEqualTo("application/json; charset=utf-8");
    String header = sent.getMessage().getHeader(HmacSigner.SIGNATURE_V2_HEADER, String.class);
    assertThat(header).startsWith("t=" + SENT.getEpochSecond() + ",id=42,v2=");
    assertThat(WebhookVerifier.verify(header, body, "s3cret", SENT.plusSeconds(3))).isTrue();
    // The secrets never leave with the request.
    assertThat(sent.getMessage().getHeaders())
        .doesNotContainKeys(HmacSigner.SECRET_HEADER, HmacSigner.PREVIOUS_SECRET_HEADER);
    // Version 1 stays for receivers written before version 2.
    assertThat(sent.getMessage().getHeader(HmacSigner.SIGNATURE_HEADER))
        .isEqualTo("sha256=" + HmacSigner.hmac("s3cret", body));

    assertThat(WebhookVerifier.verify(header, body, "another", SENT)).isFalse();
    byte[] otherBytes = BODY.replace("già", "gia").getBytes(StandardCharsets.UTF_8);
    assertThat(WebhookVerifier.verify(header, otherBytes, "s3cret", SENT)).isFalse();
    byte[] latin1 = BODY.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(WebhookVerifier.verify(header, latin1, "s3cret", SENT)).isFalse();
    String otherEvent = header.replace(",id=42,", ",id=43,");
    assertThat(WebhookVerifier.verify(otherEvent, body, "s3cret", SENT)).isFalse();
  }

  @Test
  void aCapturedRequestReplayedAfterFiveMinutesIsRefused() throws Exception {
    Exchange sent = signed(BODY, "s3cret", null);
    String header = sent.getMessage().getHeader(HmacSigner.SIGNATURE_V2_HEADER, String.class);
    byte[] body = sent.getMessage().getBody(byte[].class);

    assertThat(WebhookVerifier.verify(header, body, "s3cret", SENT.plus(Duration.ofMinutes(5))))
        .isTrue();
    assertThat(
            WebhookVerifier.verify(
                header, body, "s3cret", SENT.plus(Duration.ofMinutes(5)).plusSeconds(1)))
        .isFalse();
    // A time moved forward by the attacker breaks the signature instead.
    String moved =
        header.replace("t=" + SENT.getEpochSecond(), "t=" + (SENT.getEpochSecond() + 600));
    assertThat(WebhookVerifier.verify(moved, body, "s3cret", SENT.plusSeconds(600))).isFalse();
  }

  @Test
  void duringARotationTheOldAndTheNewSecretBothVerify() throws Exception {
    Exchange sent = signed(BODY, "new-secret", "old-secret");
    String header = sent.getMessage().getHeader(HmacSigner.SIGNATURE_V2_HEADER, String.class);
    byte[] body = sent.getMessage().getBody(byte[].class);

    assertThat(header.split(",v2=")).hasSize(3);
    assertThat(WebhookVerifier.verify(header, body, "old-secret", SENT)).isTrue();
    assertThat(WebhookVerifier.verify(header, body, "new-secret", SENT)).isTrue();
    assertThat(WebhookVerifier.verify(header, body, "neither", SENT)).isFalse();
    // Without a previous secret there is one signature.
    String single =
        signed(BODY, "new-secret", "")
            .getMessage()
            .getHeader(HmacSigner.SIGNATURE_V2_HEADER, String.class);
    assertThat(single.split(",v2=")).hasSize(2);
    assertThat(WebhookVerifier.verify(single, body, "old-secret", SENT)).isFalse();
  }

  @Test
  void theReadmesVerifierIsThisOne() throws Exception {
    String readme = Files.readString(Path.of("camel-routes/README.md"));
    String verifier =
        Files.readString(
            Path.of("src/test/java/dev/smsinbox/adapter/integrations/WebhookVerifier.java"));
    String code = verifier.substring(verifier.indexOf("import "));
    assertThat(readme).contains(code);
  }

  private static Exchange signed(String body, String secret, String previous) {
    Exchange exchange = new DefaultExchange(new DefaultCamelContext());
    exchange.getMessage().setBody(body);
    exchange.getMessage().setHeader(IntegratorContract.HEADER_EVENT_ID, 42L);
    exchange.getMessage().setHeader(HmacSigner.SECRET_HEADER, secret);
    exchange.getMessage().setHeader(HmacSigner.PREVIOUS_SECRET_HEADER, previous);
    new HmacSigner(Clock.fixed(SENT, ZoneOffset.UTC)).sign(exchange);
    return exchange;
  }
}
