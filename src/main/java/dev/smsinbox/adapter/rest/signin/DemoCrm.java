package dev.smsinbox.adapter.rest.signin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A stand-in for the host CRM in the demo run: two accounts with two administrators each, whose
 * tokens it signs with an RSA key made at start-up (never stored), so the demo shows the real path
 * — a signed token, /launch, a session — and no key ever sits in the repository.
 */
public final class DemoCrm {

  /** The iss of the demo CRM's tokens. */
  public static final String ISSUER = "sms-inbox-demo-crm";

  /** How long a demo token lasts: the session it starts ends then too. */
  static final Duration LIFETIME = Duration.ofHours(1);

  /** A person of the demo CRM. */
  public record Person(
      String id, String name, String email, String account, String accountName, String plan) {}

  public static final List<Person> PEOPLE =
      List.of(
          new Person("u-alice", "Alice Martin", "alice@acme.example", "acme", "Acme", "ENTERPRISE"),
          new Person("u-arjun", "Arjun Patel", "arjun@acme.example", "acme", "Acme", "ENTERPRISE"),
          new Person("u-grace", "Grace Kim", "grace@globex.example", "globex", "Globex", "PLUS"),
          new Person("u-hugo", "Hugo Silva", "hugo@globex.example", "globex", "Globex", "PLUS"));

  private final RSAKey key;
  private final RSASSASigner signer;
  private final String audience;
  private final String adminGroup;
  private final String accountClaim;
  private final Clock clock;

  public DemoCrm(String audience, String adminGroup, String accountClaim, Clock clock) {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      pair = generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    this.key =
        new RSAKey.Builder((RSAPublicKey) pair.getPublic())
            .privateKey((RSAPrivateKey) pair.getPrivate())
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.RS256)
            .keyID("demo-crm-" + UUID.randomUUID().toString().substring(0, 8))
            .build();
    this.signer = new RSASSASigner(pair.getPrivate());
    this.audience = audience;
    this.adminGroup = adminGroup;
    this.accountClaim = accountClaim;
    this.clock = clock;
  }

  /** How the inbox checks the demo CRM's tokens. */
  public TokenVerifier.Issuer issuer() {
    RSAPublicKey publicKey;
    try {
      publicKey = key.toRSAPublicKey();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return new TokenVerifier.Issuer(ISSUER, audience, HostKeys.pem(publicKey));
  }

  /** The demo CRM's public key set, as a real CRM would publish it. */
  public Map<String, Object> publicKeys() {
    return new JWKSet(key.toPublicJWK()).toJSONObject();
  }

  public Optional<Person> person(String id) {
    return PEOPLE.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** A token for {@code person}, as the host CRM would sign it for its iframe. */
  public String token(Person person) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(audience)
            .subject(person.id())
            .claim("name", person.name())
            .claim("email", person.email())
            .claim("groups", List.of(adminGroup))
            .claim(accountClaim, person.account())
            .claim("plan", person.plan())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
