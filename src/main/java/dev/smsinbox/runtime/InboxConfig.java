package dev.smsinbox.runtime;

import dev.smsinbox.adapter.integrations.IntegratorSettings;
import dev.smsinbox.adapter.smpp.LinkSettings;
import dev.smsinbox.sms.DefaultAlphabet;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Settings from MicroProfile Config. Each key (say {@code smpp.host}) is also found under its
 * environment-style name ({@code SMPP_HOST}), which is how server.xml variables are named, so a
 * system property, an env var, a server.xml variable or microprofile-config.properties can set it.
 */
@ApplicationScoped
public class InboxConfig {

  private final Config config = ConfigProvider.getConfig(InboxConfig.class.getClassLoader());

  public Optional<String> optional(String key) {
    Optional<String> value = config.getOptionalValue(key, String.class);
    if (value.isEmpty()) {
      value = config.getOptionalValue(envName(key), String.class);
    }
    return value.map(String::strip).filter(v -> !v.isEmpty());
  }

  public String get(String key, String defaultValue) {
    return optional(key).orElse(defaultValue);
  }

  public int getInt(String key, int defaultValue) {
    String value = get(key, Integer.toString(defaultValue));
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "Setting " + key + " (" + envName(key) + ") must be a whole number, not '" + value + "'");
    }
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    return Boolean.parseBoolean(get(key, Boolean.toString(defaultValue)));
  }

  public Duration getDuration(String key, Duration defaultValue) {
    String value = get(key, defaultValue.toString());
    try {
      return Duration.parse(value);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Setting "
              + key
              + " ("
              + envName(key)
              + ") must be an ISO-8601 duration such as PT10M or P30D, not '"
              + value
              + "'");
    }
  }

  /**
   * Whether this is the demo run: the pom's {@code liberty:run} marks its server ({@code
   * INBOX_DEMO_RUN}, set by no other server) and the host CRM's sign-in is not configured. The
   * package, the test servers and any server with {@code AUTH_JWT_ISSUER} are outside it: there the
   * demo parts are off unless switched on one by one, and a missing secret stops the start-up.
   */
  public boolean demoRun() {
    return getBoolean("inbox.demo-run", false) && optional("auth.jwt.issuer").isEmpty();
  }

  /**
   * A setting as the demo run sees it: the environment (or any other source) first, else the demo
   * run's default for it, else nothing. Only the demo run has these defaults (simulator, demo data,
   * demo passwords), so an environment variable always wins over them.
   */
  public Optional<String> withDemoDefaults(String key) {
    Optional<String> value = optional(key);
    if (value.isPresent() || !demoRun()) {
      return value;
    }
    if (key.equals("camel.routes.dir")) {
      return optional("inbox.demo-routes-dir");
    }
    return Optional.ofNullable(DEMO_DEFAULTS.get(key));
  }

  private static final java.util.Map<String, String> DEMO_DEFAULTS =
      java.util.Map.of(
          "smpp.simulator.enabled", "true",
          "demo.data.enabled", "true",
          "admin.password", "admin",
          "agent.password", "agent",
          "crm.password", "crm");

  /** The integrators' delivery settings (camel.events.*, camel.hooks.*). */
  /**
   * The account (tenant) that the demo users belong to and that data written before accounts
   * existed moved into.
   */
  public String defaultAccount() {
    return get("default.account", "default");
  }

  public IntegratorSettings integratorSettings() {
    return new IntegratorSettings(
        Math.max(1, getInt("camel.events.max-attempts", 5)),
        getDuration("camel.events.retry-delay", Duration.ofSeconds(1)),
        getDuration("camel.events.max-retry-delay", Duration.ofMinutes(1)),
        getDuration("camel.events.timeout", Duration.ofSeconds(10)),
        getDuration("camel.events.poll-interval", Duration.ofSeconds(1)),
        getDuration("camel.hooks.outbound-timeout", Duration.ofSeconds(2)),
        getDuration("camel.events.lease", Duration.ofSeconds(30)));
  }

  /** How to bind to the carrier and pace what we send (smpp.* settings). */
  public LinkSettings linkSettings() {
    String bindType = get("smpp.bind-type", "TRX").toUpperCase(Locale.ROOT);
    if (!bindType.equals("TRX") && !bindType.equals("RX_TX")) {
      throw new IllegalStateException(
          "Setting smpp.bind-type (SMPP_BIND_TYPE) must be TRX or RX_TX, not '" + bindType + "'");
    }
    return new LinkSettings(
        get("smpp.host", "127.0.0.1"),
        getInt("smpp.port", 2775),
        get("smpp.system-id", "smsinbox"),
        get("smpp.password", ""),
        get("smpp.system-type", ""),
        bindType.equals("RX_TX"),
        getInt("smpp.enquire-link-ms", 30_000),
        getInt("smpp.transaction-ms", 10_000),
        getInt("smpp.reconnect-delay-ms", 2_000),
        (int) getDuration("smpp.rebind-first-delay", Duration.ofSeconds(10)).toMillis(),
        (int) getDuration("smpp.rebind-max-delay", Duration.ofMinutes(5)).toMillis(),
        getInt("smpp.submit-tps", 50),
        getInt("smpp.submit-window", 10),
        getInt("smpp.receive-threads", 32),
        getInt("smpp.receive-writers", 1),
        getBoolean("smpp.pack-gsm", false),
        DefaultAlphabet.valueOf(get("smpp.default-alphabet", "GSM7").toUpperCase(Locale.ROOT)));
  }

  static String envName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }
}
