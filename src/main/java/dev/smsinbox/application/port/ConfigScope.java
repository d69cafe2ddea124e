package dev.smsinbox.application.port;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The settings one extension owns, read relative to its scope: the embedded CRM connector reads
 * {@code lists} and finds {@code crm.embedded.lists} (env {@code CRM_EMBEDDED_LISTS}).
 */
public interface ConfigScope {

  Optional<String> get(String key);

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
}
