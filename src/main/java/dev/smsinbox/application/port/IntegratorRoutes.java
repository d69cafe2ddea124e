package dev.smsinbox.application.port;

import java.nio.file.Path;
import java.util.List;

/**
 * The integrators' route files as the last load left them (what loaded, what is broken and why).
 */
public interface IntegratorRoutes {

  /**
   * One route file; {@code error} null when it loaded, {@code line} where the error is, if known.
   */
  record RouteFile(String name, List<String> routeIds, String error, Integer line) {
    public boolean broken() {
      return error != null;
    }
  }

  /** The folder they come from; null when none is configured. */
  Path folder();

  List<RouteFile> files();

  default long brokenCount() {
    return files().stream().filter(RouteFile::broken).count();
  }
}
