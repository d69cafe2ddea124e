package dev.smsinbox.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Loads the integrators' route files ({@code *.camel.yaml}) from the routes folder at start-up. A
 * file with an error stops the start-up with a message that names the file: a half-loaded set of
 * integrations is worse than a clear failure.
 */
final class RouteFiles {

  private static final Logger LOG = Logger.getLogger(RouteFiles.class.getName());

  private RouteFiles() {}

  static void load(CamelContext context, String folder) throws IOException {
    Path dir = Path.of(folder).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      LOG.info(() -> "No integrators' routes: folder " + dir + " does not exist");
      return;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
    }
    for (Path file : files) {
      Resource resource = ResourceHelper.resolveResource(context, "file:" + file);
      try {
        PluginHelper.getRoutesLoader(context).loadRoutes(resource);
      } catch (Exception e) {
        throw new IllegalStateException(
            "Route file " + file.getFileName() + " in " + dir + " has an error: " + e.getMessage(),
            e);
      }
      LOG.info(() -> "Loaded route file " + file.getFileName());
    }
  }
}
