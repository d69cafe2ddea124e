package dev.smsinbox.adapter.rest.signin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.smsinbox.application.Caller;
import dev.smsinbox.domain.crm.Plan;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The screens' session after a launch: who signed in and until when, in a cookie the server signs
 * (HS256 with its own secret, never the CRM's key), so any instance sharing the secret reads it and
 * nothing is kept in memory. The cookie is HttpOnly and {@code SameSite=None} so it travels inside
 * the host CRM's third-party iframe; browsers accept that only with {@code Secure}, which a browser
 * also honours on a loopback address, so plain HTTP on localhost (the demo) works too. It is {@code
 * Partitioned} (CHIPS) as well: browsers that block third-party cookies keep it, in the host's
 * partition.
 */
public final class Sessions {

  public static final String COOKIE = "smsinbox_session";

  /** The longest session, whatever the token's exp (CONTRACT.md). */
  public static final Duration MAX = Duration.ofHours(12);

  /** A session read back from its cookie. */
  public record Session(Caller caller, Instant expires) {}

  /**
   * The header that proves a state-changing request came from the screens when the browser sent no
   * usable Origin: its value is {@link #csrfToken}, which only a page of our own origin can read
   * (from {@code /api/me}); another site can make the browser send the cookie, never this header.
   */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Clock clock;
  private final byte[] secret;

  public Sessions(byte[] secret, Clock clock) {
    try {
      this.signer = new MACSigner(secret);
      this.verifier = new MACVerifier(secret);
    } catch (JOSEException e) {
      throw new IllegalStateException(
          "Setting auth.session-secret (AUTH_SESSION_SECRET) must be at least 32 characters", e);
    }
    this.clock = clock;
    this.secret = secret.clone();
  }

  /**
   * The CSRF token of the session the request's cookie carries: an HMAC of the cookie with the
   * server's secret (a different input from the cookie's own signature), so it changes with every
   * session and needs no storage.
   */
  public Optional<String> csrfToken(HttpServletRequest request) {
    return sessionCookie(request)
        .map(
            value -> {
              try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
                byte[] tag =
                    mac.doFinal(
                        ("csrf:" + value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
              } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  /** Whether the request's CSRF header carries its session's token. */
  public boolean carriesCsrfToken(HttpServletRequest request) {
    String sent = request.getHeader(CSRF_HEADER);
    return sent != null
        && csrfToken(request)
            .map(
                expected ->
                    java.security.MessageDigest.isEqual(
                        expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        sent.strip().getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
            .orElse(false);
  }

  private Optional<String> sessionCookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (COOKIE.equals(cookie.getName()) && parse(cookie.getValue()).isPresent()) {
        return Optional.of(cookie.getValue());
      }
    }
    return Optional.empty();
  }

  /** A session for {@code caller} until the token's exp, at most {@link #MAX} from now. */
  public Session start(Caller caller, Instant tokenExpires) {
    Instant cap = clock.instant().plus(MAX);
    return new Session(caller, tokenExpires.isBefore(cap) ? tokenExpires : cap);
  }

  /** The Set-Cookie header value that starts {@code session}. */
  public String cookie(Session session, HttpServletRequest request) {
    Caller caller = session.caller();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(caller.id())
            .claim("name", caller.name())
            .claim("email", caller.email())
            .claim("acc", caller.accountId())
            .claim("roles", List.copyOf(caller.roles()))
            .issueTime(Date.from(clock.instant()))
            .expirationTime(Date.from(session.expires()));
    caller.plan().ifPresent(p -> claims.claim("plan", p.name()));
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    long seconds = Math.max(0, Duration.between(clock.instant(), session.expires()).toSeconds());
    return COOKIE + "=" + jwt.serialize() + "; Max-Age=" + seconds + attributes(request);
  }

  /** The Set-Cookie header value that ends the session in the browser. */
  public String ended(HttpServletRequest request) {
    return COOKIE + "=; Max-Age=0" + attributes(request);
  }

  /** The session the request's cookie carries, if it is ours and has not ended. */
  public Optional<Session> read(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (COOKIE.equals(cookie.getName())) {
        Optional<Session> session = parse(cookie.getValue());
        if (session.isPresent()) {
          return session;
        }
      }
    }
    return Optional.empty();
  }

  /** True when the request carries a session cookie, valid or not (it ended, say). */
  public static boolean carriesCookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return false;
    }
    for (Cookie cookie : cookies) {
      if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private Optional<Session> parse(String value) {
    try {
      SignedJWT jwt = SignedJWT.parse(value);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date exp = claims.getExpirationTime();
      if (exp == null || !exp.toInstant().isAfter(clock.instant())) {
        return Optional.empty();
      }
      String plan = claims.getStringClaim("plan");
      Caller caller =
          new Caller(
              claims.getSubject(),
              claims.getStringClaim("name"),
              claims.getStringClaim("email"),
              claims.getStringClaim("acc"),
              Set.copyOf(claims.getStringListClaim("roles")),
              plan == null ? Optional.empty() : Optional.of(Plan.valueOf(plan)));
      return Optional.of(new Session(caller, exp.toInstant()));
    } catch (ParseException | JOSEException | RuntimeException e) {
      return Optional.empty(); // not ours, tampered with or from an older release: no session
    }
  }

  private static String attributes(HttpServletRequest request) {
    String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
    String common = "; Path=" + path + "; HttpOnly";
    if (request.isSecure() || isLoopback(request.getServerName())) {
      return common + "; Secure; SameSite=None; Partitioned";
    }
    // Plain HTTP on a real host: browsers refuse SameSite=None without Secure, and no third-party
    // iframe can work there anyway; the cookie still works in a tab of its own.
    return common + "; SameSite=Lax";
  }

  static boolean isLoopback(String host) {
    return host != null
        && (host.equals("localhost")
            || host.endsWith(".localhost")
            || host.startsWith("127.")
            || host.equals("[::1]")
            || host.equals("::1"));
  }
}
