package dev.smsinbox.adapter.rest.signin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Where the host CRM's RS256 public keys come from: one PEM key, or its JWKS endpoint. */
public interface HostKeys {

  /**
   * The key that should have signed a token.
   *
   * @param keyId the token's {@code kid}, or null when it names none
   * @throws RefusedToken (signature) when no key of the CRM's has that id
   * @throws KeysUnavailable when the key is unknown and the key set cannot be fetched now
   */
  RSAPublicKey find(String keyId) throws RefusedToken, KeysUnavailable;

  /** One key, given as PEM text or a PEM file: it signs every token, whatever its kid. */
  static HostKeys pem(RSAPublicKey key) {
    return keyId -> key;
  }

  /**
   * Reads a public key ({@code BEGIN PUBLIC KEY}) or a certificate ({@code BEGIN CERTIFICATE}) from
   * PEM text, or from the file the value names. Env vars often lose their line breaks, so literal
   * {@code \n} count as line breaks too.
   *
   * @param setting the setting's name, for the message when the value is no RSA key
   */
  static RSAPublicKey readPem(String value, String setting) {
    String pem = value.replace("\\n", "\n");
    if (!pem.contains("-----BEGIN")) {
      Path file = Path.of(value.strip());
      if (!Files.isReadable(file)) {
        throw new IllegalStateException(
            "Setting "
                + setting
                + " is neither PEM text (-----BEGIN PUBLIC KEY-----) nor a readable file: '"
                + value.strip()
                + "'");
      }
      try {
        pem = Files.readString(file, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new IllegalStateException("Setting " + setting + ": cannot read " + file + ": " + e);
      }
    }
    try {
      if (pem.contains("-----BEGIN CERTIFICATE-----")) {
        var certificate =
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certificate.getPublicKey() instanceof RSAPublicKey rsa) {
          return rsa;
        }
        throw new IllegalStateException(
            "Setting " + setting + " holds a certificate whose key is not RSA (RS256 only)");
      }
      if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
        throw new IllegalStateException(
            "Setting "
                + setting
                + " must hold a public key (-----BEGIN PUBLIC KEY-----) or a certificate; a"
                + " private key never belongs here");
      }
      String base64 =
          pem.substring(pem.indexOf("-----BEGIN PUBLIC KEY-----") + 26)
              .replaceAll("-----END PUBLIC KEY-----[\\s\\S]*", "")
              .replaceAll("\\s", "");
      var key =
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
      return (RSAPublicKey) key;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "Setting " + setting + " does not hold a readable RSA public key: " + e.getMessage());
    }
  }
}
