package dev.smsinbox.adapter.rest.signin;

import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The sign-in settings (README, "Embedding the inbox in a CRM"), checked once at start-up: a server
 * whose host CRM settings are incomplete does not start, and says which setting is missing.
 *
 * <p>A server is outside the demo run when {@code AUTH_JWT_ISSUER} is set: then only tokens sign
 * in. The demo users (admin, agent, crm) and the demo CRM exist in the demo run; {@code
 * DEMO_USERS_ENABLED} and {@code DEMO_CRM_ENABLED} switch them on or off in any run, as the test
 * servers do (tokens and Basic side by side).
 *
 * @param host the host CRM's issuer, when configured
 * @param allowedOrigins the host CRM's origins (scheme://host[:port]): they may frame the screens,
 *     send state-changing requests with the session and receive the screens' messages
 * @param demoUsers the demo users that sign in with a password (Basic), by name
 * @param demoRun no host CRM issuer, and the demo passwords set (the pom's {@code liberty:run})
 */
public record SignInSettings(
    Optional<HostCrm> host,
    String adminGroup,
    String accountClaim,
    List<String> allowedOrigins,
    String defaultAccount,
    Map<String, DemoUser> demoUsers,
    boolean demoCrm,
    Optional<String> sessionSecret,
    boolean demoRun) {

  /** The host CRM's tokens: their iss and aud, and its key (PEM) or key set (JWKS). */
  public record HostCrm(String issuer, String audience, RSAPublicKey publicKey, URI jwksUrl) {}

  /** A demo user: password and roles (demo run only). */
  public record DemoUser(String password, Set<String> roles) {}

  /** The audience the demo CRM's tokens carry when no host CRM is configured. */
  public static final String DEMO_AUDIENCE = "sms-inbox";

  public SignInSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
    demoUsers = Map.copyOf(demoUsers);
  }

  /** The audience tokens must name: the host CRM's, else the demo CRM's. */
  public String audience() {
    return host.map(HostCrm::audience).orElse(DEMO_AUDIENCE);
  }

  /**
   * Reads and checks the settings.
   *
   * @param setting a setting by its dotted name ({@code auth.jwt.issuer}), found under its
   *     environment form ({@code AUTH_JWT_ISSUER}) too; blank counts as unset
   * @throws IllegalStateException naming the setting that is missing or wrong
   */
  public static SignInSettings from(Function<String, Optional<String>> setting) {
    Optional<String> issuer = setting.apply("auth.jwt.issuer");
    Optional<String> audience = setting.apply("auth.jwt.audience");
    Optional<String> publicKey = setting.apply("auth.jwt.public-key");
    Optional<String> jwksUrl = setting.apply("auth.jwt.jwks-url");
    Optional<HostCrm> host = Optional.empty();
    if (issuer.isPresent()) {
      if (audience.isEmpty()) {
        throw new IllegalStateException(
            "AUTH_JWT_AUDIENCE is not set: with AUTH_JWT_ISSUER set, every token must carry the"
                + " aud this inbox expects (e.g. AUTH_JWT_AUDIENCE=sms-inbox)");
      }
      if (publicKey.isEmpty() && jwksUrl.isEmpty()) {
        throw new IllegalStateException(
            "AUTH_JWT_PUBLIC_KEY is not set (nor AUTH_JWT_JWKS_URL): with AUTH_JWT_ISSUER set,"
                + " the inbox needs the CRM's RS256 public key (PEM text or a PEM file) or its"
                + " JWKS endpoint to check tokens");
      }
      if (publicKey.isPresent() && jwksUrl.isPresent()) {
        throw new IllegalStateException(
            "AUTH_JWT_PUBLIC_KEY and AUTH_JWT_JWKS_URL are both set: set one of them");
      }
      host =
          Optional.of(
              new HostCrm(
                  issuer.get(),
                  audience.get(),
                  publicKey.map(pem -> HostKeys.readPem(pem, "AUTH_JWT_PUBLIC_KEY")).orElse(null),
                  jwksUrl.map(SignInSettings::jwksUrl).orElse(null)));
    } else {
      for (String key : List.of("auth.jwt.audience", "auth.jwt.public-key", "auth.jwt.jwks-url")) {
        if (setting.apply(key).isPresent()) {
          throw new IllegalStateException(
              envName(key)
                  + " is set but AUTH_JWT_ISSUER is not: set the issuer too, or neither (demo run)");
        }
      }
    }
    // The demo run is the pom's (it sets the demo passwords; server.xml has none): a server from
    // the package without a host CRM is not a demo, and gets neither demo users nor the demo CRM.
    boolean demoRun = host.isEmpty() && setting.apply("admin.password").isPresent();
    Map<String, DemoUser> demoUsers = new LinkedHashMap<>();
    if (flag(setting, "demo.users.enabled", demoRun)) {
      demoUser(demoUsers, setting, "admin", Set.of("admin"));
      demoUser(demoUsers, setting, "agent", Set.of());
      demoUser(demoUsers, setting, "crm", Set.of("crm-service"));
    }
    boolean demoCrm = flag(setting, "demo.crm.enabled", demoRun);
    if (host.isEmpty() && demoUsers.isEmpty() && !demoCrm) {
      throw new IllegalStateException(
          "AUTH_JWT_ISSUER is not set, and this is not the demo run (no demo passwords): nobody"
              + " could sign in. Set AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE and AUTH_JWT_PUBLIC_KEY"
              + " (or AUTH_JWT_JWKS_URL) for the host CRM's tokens");
    }
    Optional<String> secret = setting.apply("auth.session-secret");
    if (secret.isPresent() && secret.get().length() < 32) {
      throw new IllegalStateException(
          "AUTH_SESSION_SECRET must be at least 32 characters (it signs the screens' sessions)");
    }
    return new SignInSettings(
        host,
        setting.apply("auth.admin-group").orElse("admin"),
        setting.apply("auth.account-claim").orElse("account"),
        origins(setting.apply("auth.allowed-origins").orElse("")),
        setting.apply("default.account").orElse("default"),
        demoUsers,
        demoCrm,
        secret,
        demoRun);
  }

  /**
   * The origins as configured (space or comma separated), each exactly scheme://host[:port]: they
   * are compared with the browser's Origin header and used as postMessage targets.
   */
  static List<String> origins(String configured) {
    List<String> origins = new ArrayList<>();
    for (String value : configured.split("[\\s,]+")) {
      if (value.isBlank()) {
        continue;
      }
      URI uri;
      try {
        uri = URI.create(value);
      } catch (IllegalArgumentException e) {
        uri = null;
      }
      boolean origin =
          uri != null
              && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
              && uri.getHost() != null
              && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
              && uri.getRawQuery() == null
              && uri.getRawFragment() == null
              && uri.getRawUserInfo() == null;
      if (!origin) {
        throw new IllegalStateException(
            "AUTH_ALLOWED_ORIGINS: '"
                + value
                + "' is not an origin; write each as scheme://host[:port], e.g."
                + " https://crm.example.com (no path, no trailing slash, no wildcard)");
      }
      origins.add(value.toLowerCase(Locale.ROOT));
    }
    return origins;
  }

  private static URI jwksUrl(String value) {
    try {
      URI uri = URI.create(value);
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // said below
    }
    throw new IllegalStateException(
        "AUTH_JWT_JWKS_URL must be an http(s) URL, not '" + value + "'");
  }

  private static void demoUser(
      Map<String, DemoUser> users,
      Function<String, Optional<String>> setting,
      String name,
      Set<String> roles) {
    setting
        .apply(name + ".password")
        .ifPresent(password -> users.put(name, new DemoUser(password, roles)));
  }

  private static boolean flag(
      Function<String, Optional<String>> setting, String key, boolean otherwise) {
    return setting.apply(key).map(Boolean::parseBoolean).orElse(otherwise);
  }

  private static String envName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }
}
