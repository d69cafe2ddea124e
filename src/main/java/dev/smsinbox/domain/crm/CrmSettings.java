package dev.smsinbox.domain.crm;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One CRM account's own choice of connector ({@code embedded}, {@code activecampaign} …) and its
 * settings, by the connector's keys ({@code url}, {@code api-token}, {@code pipeline}).
 */
public record CrmSettings(String connector, Map<String, String> settings) {

  public CrmSettings {
    settings = Map.copyOf(settings);
  }

  /** A key whose value is a secret: written, never read back (an API token, a password). */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    return k.endsWith("token")
        || k.endsWith("password")
        || k.endsWith("secret")
        || k.endsWith("key");
  }

  /** The settings a person may read back: every secret left out. */
  public Map<String, String> readable() {
    Map<String, String> shown = new TreeMap<>();
    settings.forEach(
        (k, v) -> {
          if (!isSecret(k)) {
            shown.put(k, v);
          }
        });
    return shown;
  }

  /** The names of the secrets that are set. */
  public Set<String> secretsSet() {
    return new java.util.TreeSet<>(
        settings.keySet().stream().filter(CrmSettings::isSecret).toList());
  }
}
