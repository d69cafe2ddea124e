package dev.smsinbox.adapter.integrations;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;

/**
 * A helper for integrators' routes, {@code bean: {ref: hmacSigner}} (stable, see
 * camel-routes/README.md): signs the body for a webhook receiver. It reads the secret from header
 * {@value #SECRET_HEADER} (and removes it, so it never leaves), and sets {@value #SIGNATURE_HEADER}
 * to {@code sha256=<hex HMAC-SHA256 of the body's UTF-8 bytes>}.
 */
public final class HmacSigner {

  public static final String SECRET_HEADER = "SmsInboxSigningSecret";
  public static final String SIGNATURE_HEADER = "X-SmsInbox-Signature";

  public void sign(Exchange exchange) {
    String secret = exchange.getMessage().getHeader(SECRET_HEADER, String.class);
    exchange.getMessage().removeHeader(SECRET_HEADER);
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException(
          "hmacSigner needs the secret in header " + SECRET_HEADER + " (e.g. {{webhook.secret}})");
    }
    String body = exchange.getMessage().getBody(String.class);
    exchange
        .getMessage()
        .setHeader(SIGNATURE_HEADER, "sha256=" + hmac(secret, body == null ? "" : body));
  }

  static String hmac(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
