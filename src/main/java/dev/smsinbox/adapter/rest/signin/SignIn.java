package dev.smsinbox.adapter.rest.signin;

import dev.smsinbox.application.Caller;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Everything that signs a caller in, built once from the settings by the runtime: the host CRM's
 * tokens (and the demo CRM's, in the demo run), the screens' sessions, the demo users, and which
 * origins count as the host CRM.
 */
public final class SignIn {

  private static final Logger LOG = Logger.getLogger(SignIn.class.getName());

  private final SignInSettings settings;
  private final TokenVerifier tokens;
  private final Sessions sessions;
  private final DemoCrm demoCrm;

  public SignIn(SignInSettings settings, Clock clock) {
    this.settings = settings;
    List<TokenVerifier.Issuer> issuers = new ArrayList<>();
    settings
        .host()
        .ifPresent(
            host ->
                issuers.add(
                    new TokenVerifier.Issuer(
                        host.issuer(),
                        host.audience(),
                        host.publicKey() != null
                            ? HostKeys.pem(host.publicKey())
                            : new JwksKeys(host.jwksUrl(), clock))));
    this.demoCrm =
        settings.demoCrm()
            ? new DemoCrm(
                settings.audience(), settings.adminGroup(), settings.accountClaim(), clock)
            : null;
    if (demoCrm != null) {
      issuers.add(demoCrm.issuer());
    }
    this.tokens = new TokenVerifier(issuers, settings.adminGroup(), settings.accountClaim(), clock);
    byte[] secret;
    if (settings.sessionSecret().isPresent()) {
      secret = settings.sessionSecret().get().getBytes(StandardCharsets.UTF_8);
    } else {
      secret = new byte[32];
      new SecureRandom().nextBytes(secret);
    }
    this.sessions = new Sessions(secret, clock);
    LOG.info(() -> describe(settings));
  }

  public SignInSettings settings() {
    return settings;
  }

  public TokenVerifier tokens() {
    return tokens;
  }

  public Sessions sessions() {
    return sessions;
  }

  public Optional<DemoCrm> demoCrm() {
    return Optional.ofNullable(demoCrm);
  }

  public boolean basicEnabled() {
    return !settings.demoUsers().isEmpty();
  }

  /** The demo user these credentials sign in, if any (demo users exist only in the demo run). */
  public Optional<Caller> demoUser(String name, String password) {
    SignInSettings.DemoUser user = settings.demoUsers().get(name);
    if (user == null
        || !MessageDigest.isEqual(
            user.password().getBytes(StandardCharsets.UTF_8),
            password.getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    return Optional.of(
        new Caller(name, name, null, settings.defaultAccount(), user.roles(), Optional.empty()));
  }

  /**
   * Whether a browser request from {@code origin} may change things with the session: our own
   * origin (the screens themselves) or one of the host CRM's.
   *
   * @param host the request's Host header: an origin with that authority is our own
   */
  public boolean allowedOrigin(String origin, String host) {
    if (origin == null) {
      return false;
    }
    String normalized = origin.strip().toLowerCase(Locale.ROOT);
    if (settings.allowedOrigins().contains(normalized)) {
      return true;
    }
    try {
      URI uri = URI.create(normalized);
      return host != null
          && uri.getRawAuthority() != null
          && uri.getRawAuthority().equalsIgnoreCase(host.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The host CRM's origins: where the screens post their messages (besides their own). */
  public List<String> hostOrigins() {
    return settings.allowedOrigins();
  }

  private static String describe(SignInSettings settings) {
    StringBuilder text = new StringBuilder("Sign-in: ");
    settings
        .host()
        .ifPresentOrElse(
            host ->
                text.append("tokens from ")
                    .append(host.issuer())
                    .append(" for ")
                    .append(host.audience())
                    .append(host.jwksUrl() != null ? " (keys from " + host.jwksUrl() + ")" : ""),
            () -> text.append("no host CRM (AUTH_JWT_ISSUER unset)"));
    if (settings.demoCrm()) {
      text.append("; demo CRM at /demo-crm.html");
    }
    if (!settings.demoUsers().isEmpty()) {
      text.append("; demo users ").append(new java.util.TreeSet<>(settings.demoUsers().keySet()));
    }
    if (!settings.allowedOrigins().isEmpty()) {
      text.append("; CRM origins ").append(settings.allowedOrigins());
    }
    if (settings.sessionSecret().isEmpty()) {
      text.append("; sessions signed with a key made at start-up (they end at a restart)");
    }
    return text.toString();
  }
}
