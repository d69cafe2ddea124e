package dev.smsinbox.adapter.integrations;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;

/**
 * A helper for integrators' routes, {@code bean: {ref: hmacSigner}} (stable, see
 * camel-routes/README.md): signs the body for a webhook receiver. It reads the secret from header
 * {@value #SECRET_HEADER} and, while the receiver moves to a new secret, the one it replaces from
 * {@value #PREVIOUS_SECRET_HEADER} (both removed, so they never leave), and sets:
 *
 * <ul>
 *   <li>{@value #SIGNATURE_V2_HEADER}: {@code t=<unix seconds>,id=<event id>,v2=<hex>} with {@code
 *       v2 = HMAC-SHA256(secret, t + "." + id + "." + body bytes)} — one {@code v2=} per secret
 *       during a rotation. The time lets a receiver refuse a captured request replayed later (the
 *       README's verifier allows 5 minutes), the event id ties it to one event.
 *   <li>{@value #SIGNATURE_HEADER}: {@code sha256=<hex HMAC-SHA256 of the body>} (version 1, for
 *       receivers written before version 2; it does not protect against a replay).
 * </ul>
 *
 * <p>The body leaves as exactly the bytes signed: its text in UTF-8, with {@code charset=utf-8} in
 * {@code Content-Type}, so no HTTP client can encode it otherwise on the way.
 */
public final class HmacSigner {

  public static final String SECRET_HEADER = "SmsInboxSigningSecret";
  public static final String PREVIOUS_SECRET_HEADER = "SmsInboxSigningSecretPrevious";
  public static final String SIGNATURE_HEADER = "X-SmsInbox-Signature";
  public static final String SIGNATURE_V2_HEADER = "X-SmsInbox-Signature-V2";
  static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private final Clock clock;

  public HmacSigner() {
    this(Clock.systemUTC());
  }

  HmacSigner(Clock clock) {
    this.clock = clock;
  }

  public void sign(Exchange exchange) {
    var message = exchange.getMessage();
    String secret = message.getHeader(SECRET_HEADER, String.class);
    String previous = message.getHeader(PREVIOUS_SECRET_HEADER, String.class);
    message.removeHeader(SECRET_HEADER);
    message.removeHeader(PREVIOUS_SECRET_HEADER);
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException(
          "hmacSigner needs the secret in header " + SECRET_HEADER + " (e.g. {{webhook.secret}})");
    }
    String text = message.getBody(String.class);
    byte[] body = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    String eventId = message.getHeader(IntegratorContract.HEADER_EVENT_ID, "", String.class);
    long t = clock.instant().getEpochSecond();
    byte[] signed = concat((t + "." + eventId + ".").getBytes(StandardCharsets.UTF_8), body);
    StringBuilder v2 = new StringBuilder("t=").append(t).append(",id=").append(eventId);
    v2.append(",v2=").append(hmac(secret, signed));
    if (previous != null && !previous.isEmpty() && !previous.equals(secret)) {
      v2.append(",v2=").append(hmac(previous, signed));
    }
    message.setHeader(SIGNATURE_V2_HEADER, v2.toString());
    message.setHeader(SIGNATURE_HEADER, "sha256=" + hmac(secret, body));
    message.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
    message.setBody(body);
  }

  static String hmac(String secret, String body) {
    return hmac(secret, body.getBytes(StandardCharsets.UTF_8));
  }

  static String hmac(String secret, byte[] bytes) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
