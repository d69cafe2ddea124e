package dev.smsinbox.application.port;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The settings one extension owns, read relative to its scope: the embedded CRM connector reads
 * {@code lists} and finds {@code crm.embedded.lists} (env {@code CRM_EMBEDDED_LISTS}).
 */
public interface ConfigScope {

  Optional<String> get(String key);

  /**
   * The setting as a person sets it, for error messages: {@code crm.embedded.lists
   * (CRM_EMBEDDED_LISTS)}. Without a scope that knows its prefix, the key itself.
   */
  default String describe(String key) {
    return key;
  }

  default String get(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  /** A comma-separated setting, each item trimmed, empty items dropped. */
  default List<String> getList(String key, String defaultValue) {
    return Arrays.stream(get(key, defaultValue).split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /**
   * An ISO-8601 duration such as {@code PT20S}.
   *
   * @throws IllegalStateException naming the setting when it is not one
   */
  default Duration duration(String key, Duration defaultValue) {
    Optional<String> value = get(key);
    try {
      return value.map(Duration::parse).orElse(defaultValue);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Setting "
              + describe(key)
              + " must be an ISO-8601 duration such as "
              + defaultValue
              + ", not '"
              + value.orElseThrow()
              + "'");
    }
  }
}
