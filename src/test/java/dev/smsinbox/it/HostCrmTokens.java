package dev.smsinbox.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host CRM for the tests: it signs tokens as the CRM would, and forges the ones a CRM never
 * would. Its key pair is made for each build ({@link #main}, run by the pom before the test servers
 * start, into target/it-jwt) and never committed; the servers trust the public half through
 * AUTH_JWT_PUBLIC_KEY.
 */
public final class HostCrmTokens {

  /** The iss and aud the test servers are configured with (pom.xml, it and postgres profiles). */
  public static final String ISSUER = "https://crm.it.example";

  public static final String AUDIENCE = "sms-inbox-it";

  private final KeyPair keys;

  public HostCrmTokens(KeyPair keys) {
    this.keys = keys;
  }

  /** Writes a new key pair to {@code args[0]}: public.pem (for the server), private.pem. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    KeyPair pair = newKeyPair();
    Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    Files.writeString(
        dir.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
  }

  /** The CRM whose public key the running test servers trust. */
  public static HostCrmTokens ofTheTestServers() {
    Path dir = Path.of(System.getProperty("it.jwt.dir", "target/it-jwt"));
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      return new HostCrmTokens(
          new KeyPair(
              rsa.generatePublic(
                  new X509EncodedKeySpec(unpem(Files.readString(dir.resolve("public.pem"))))),
              rsa.generatePrivate(
                  new PKCS8EncodedKeySpec(unpem(Files.readString(dir.resolve("private.pem")))))));
    } catch (IOException | GeneralSecurityException e) {
      throw new AssertionError("No test key pair in " + dir + " (made by the pom's build)", e);
    }
  }

  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  public RSAPublicKey publicKey() {
    return (RSAPublicKey) keys.getPublic();
  }

  public String publicKeyPem() {
    return pem("PUBLIC KEY", keys.getPublic().getEncoded());
  }

  /** Claims of an administrator of account {@code acme}, valid for ten minutes. */
  public Claims admin() {
    return new Claims()
        .set("iss", ISSUER)
        .set("aud", AUDIENCE)
        .set("sub", "crm-user-7")
        .set("name", "Dana Admin")
        .set("email", "dana@acme.example")
        .set("groups", List.of("admin"))
        .set("account", "acme")
        .expiresIn(Duration.ofMinutes(10));
  }

  /** A token's claims, changed one at a time by the tests. */
  public final class Claims {
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String keyId;

    public Claims set(String name, Object value) {
      claims.put(name, value);
      return this;
    }

    public Claims without(String name) {
      claims.remove(name);
      return this;
    }

    public Claims expiresIn(Duration duration) {
      return set("exp", Instant.now().plus(duration));
    }

    public Claims keyId(String keyId) {
      this.keyId = keyId;
      return this;
    }

    private JWTClaimsSet build() {
      JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
      claims.forEach(
          (name, value) -> builder.claim(name, value instanceof Instant i ? Date.from(i) : value));
      return builder.build();
    }

    /** Signed RS256 with this CRM's key, as the CRM signs. */
    public String sign() {
      return signWith((RSAPrivateKey) keys.getPrivate());
    }

    /** Signed RS256, but with another key than the one the server trusts. */
    public String signWith(RSAPrivateKey key) {
      SignedJWT jwt =
          new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), build());
      try {
        jwt.sign(new RSASSASigner(key));
      } catch (JOSEException e) {
        throw new AssertionError(e);
      }
      return jwt.serialize();
    }

    /** Unsigned ({@code alg: none}): what an attacker sends hoping nobody checks. */
    public String unsigned() {
      return new PlainJWT(build()).serialize();
    }

    /** HS256 with the CRM's public key (PEM) as the HMAC secret: the algorithm-confusion attack. */
    public String hs256WithThePublicKey() {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), build());
      try {
        jwt.sign(new MACSigner(publicKeyPem().getBytes(StandardCharsets.US_ASCII)));
      } catch (JOSEException e) {
        throw new AssertionError(e);
      }
      return jwt.serialize();
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] unpem(String pem) {
    return Base64.getMimeDecoder()
        .decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", ""));
  }
}
