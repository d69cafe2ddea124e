package dev.smsinbox.runtime;

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

  static String envName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }
}
