package dev.smsinbox.adapter.integrations;

// camel-routes/README.md shows this class from its imports on, word for word (a test checks).

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A webhook receiver's check of X-SmsInbox-Signature-V2: true for a fresh, genuine request. */
public final class WebhookVerifier {

  /** How old a signature may be: older, it is a captured request sent again (or a clock off). */
  static final long TOLERANCE_SECONDS = 5 * 60;

  /**
   * @param header the X-SmsInbox-Signature-V2 header
   * @param body the request body exactly as received (bytes, not a decoded string)
   * @param secret your webhook secret
   * @param now the receiver's clock
   */
  public static boolean verify(String header, byte[] body, String secret, Instant now)
      throws GeneralSecurityException {
    String t = null;
    String id = null;
    List<String> signatures = new ArrayList<>();
    for (String field : header.split(",")) {
      String[] pair = field.trim().split("=", 2);
      if (pair.length == 2) {
        switch (pair[0]) {
          case "t" -> t = pair[1];
          case "id" -> id = pair[1];
          case "v2" -> signatures.add(pair[1]); // two during a secret's rotation
          default -> {} // fields of later versions
        }
      }
    }
    if (t == null || id == null || !t.matches("\\d{1,12}")) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - Long.parseLong(t)) > TOLERANCE_SECONDS) {
      return false;
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((t + "." + id + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = mac.doFinal(body);
    for (String signature : signatures) {
      if (signature.matches("[0-9a-f]{64}")
          && MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature))) {
        return true;
      }
    }
    return false;
  }
}
