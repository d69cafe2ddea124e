package dev.smsinbox.adapter.rest.signin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.smsinbox.application.Caller;
import dev.smsinbox.domain.crm.Plan;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a token from the host CRM and says who it signs in, or which check it failed. RS256 only:
 * an unsigned token ({@code alg: none}) and one signed with HS256 (a classic attack uses the public
 * key as the HMAC secret) are refused before any key is looked at. The issuer picks the key set, so
 * several issuers can be trusted at once (the host CRM's and, in the demo run, the demo CRM's).
 */
public final class TokenVerifier {

  /** Clock skew allowed on exp, nbf and iat (CONTRACT.md). */
  public static final Duration SKEW = Duration.ofSeconds(60);

  /** An issuer whose tokens sign people in: its iss, the aud its tokens must carry, its keys. */
  public record Issuer(String issuer, String audience, HostKeys keys) {}

  /** Who the token signs in and until when (its exp). */
  public record Verified(Caller caller, Instant expires) {}

  private final Map<String, Issuer> issuers;
  private final String adminGroup;
  private final String accountClaim;
  private final Clock clock;

  public TokenVerifier(
      Collection<Issuer> issuers, String adminGroup, String accountClaim, Clock clock) {
    this.issuers =
        issuers.stream().collect(Collectors.toUnmodifiableMap(Issuer::issuer, Function.identity()));
    this.adminGroup = adminGroup;
    this.accountClaim = accountClaim;
    this.clock = clock;
  }

  public boolean trustsAnyIssuer() {
    return !issuers.isEmpty();
  }

  public Verified verify(String token) throws RefusedToken, KeysUnavailable {
    SignedJWT jwt = signed(token);
    JWTClaimsSet claims = claims(jwt);
    Issuer issuer = issuers.get(claims.getIssuer());
    if (issuer == null) {
      throw new RefusedToken(
          RefusedToken.Check.ISSUER,
          claims.getIssuer() == null
              ? "it has no iss"
              : "its iss '" + claims.getIssuer() + "' is not the CRM this inbox trusts");
    }
    verifySignature(jwt, issuer.keys().find(jwt.getHeader().getKeyID()));
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw new RefusedToken(RefusedToken.Check.EXPIRED, "it has no exp; every token must expire");
    }
    if (exp.toInstant().plus(SKEW).isBefore(now)) {
      throw new RefusedToken(
          RefusedToken.Check.EXPIRED,
          "it expired at " + exp.toInstant() + " (60 s of clock skew allowed); get a fresh one");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.toInstant().minus(SKEW).isAfter(now)) {
      throw new RefusedToken(
          RefusedToken.Check.NOT_YET_VALID, "it is valid only from " + nbf.toInstant());
    }
    List<String> audience = claims.getAudience();
    if (audience == null || !audience.contains(issuer.audience())) {
      throw new RefusedToken(
          RefusedToken.Check.AUDIENCE,
          "its aud "
              + (audience == null || audience.isEmpty() ? "is missing" : audience)
              + "; it must be '"
              + issuer.audience()
              + "'");
    }
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank()) {
      throw new RefusedToken(
          RefusedToken.Check.NO_SUBJECT, "it has no sub (the person's id in the CRM)");
    }
    String account = text(claims.getClaim(accountClaim));
    if (account == null) {
      throw new RefusedToken(
          RefusedToken.Check.NO_ACCOUNT,
          "it has no '" + accountClaim + "' claim naming the CRM account");
    }
    Caller caller =
        new Caller(
            subject,
            text(claims.getClaim("name")),
            text(claims.getClaim("email")),
            account,
            roles(claims.getClaim("groups")),
            plan(claims.getClaim("plan")));
    return new Verified(caller, exp.toInstant());
  }

  private static SignedJWT signed(String token) throws RefusedToken {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token == null ? "" : token.strip());
    } catch (ParseException e) {
      throw new RefusedToken(
          RefusedToken.Check.FORMAT, "it is not a JWT (three base64url parts joined by dots)");
    }
    if (jwt instanceof PlainJWT) {
      throw new RefusedToken(
          RefusedToken.Check.SIGNATURE,
          "it is not signed (alg none); only RS256 signatures are accepted");
    }
    if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
      throw new RefusedToken(
          RefusedToken.Check.FORMAT, "it is encrypted; send a signed (RS256) token");
    }
    JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
    if (!JWSAlgorithm.RS256.equals(algorithm)) {
      throw new RefusedToken(
          RefusedToken.Check.SIGNATURE,
          "it is signed with " + algorithm + "; only RS256 signatures are accepted");
    }
    return signed;
  }

  private static JWTClaimsSet claims(SignedJWT jwt) throws RefusedToken {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new RefusedToken(RefusedToken.Check.FORMAT, "its claims are not a JSON object");
    }
  }

  private static void verifySignature(SignedJWT jwt, java.security.interfaces.RSAPublicKey key)
      throws RefusedToken {
    boolean valid;
    try {
      valid = jwt.verify(new RSASSAVerifier(key));
    } catch (JOSEException e) {
      valid = false;
    }
    if (!valid) {
      throw new RefusedToken(
          RefusedToken.Check.SIGNATURE, "its signature does not match the CRM's key");
    }
  }

  private Set<String> roles(Object groups) {
    Set<String> names = new LinkedHashSet<>();
    if (groups instanceof Collection<?> many) {
      many.forEach(g -> names.add(String.valueOf(g)));
    } else if (groups != null) {
      names.add(String.valueOf(groups));
    }
    Set<String> roles = new LinkedHashSet<>();
    if (names.contains(adminGroup)) {
      roles.add(Caller.ADMIN);
    }
    if (names.contains(Caller.CRM_SERVICE)) {
      roles.add(Caller.CRM_SERVICE);
    }
    return roles;
  }

  private static Optional<Plan> plan(Object claim) throws RefusedToken {
    String plan = text(claim);
    if (plan == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Plan.valueOf(plan.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new RefusedToken(
          RefusedToken.Check.PLAN,
          "its plan '" + plan + "' is not one of " + Arrays.toString(Plan.values()));
    }
  }

  private static String text(Object claim) {
    if (claim == null) {
      return null;
    }
    String text = String.valueOf(claim).strip();
    return text.isEmpty() ? null : text;
  }
}
