package dev.smsinbox.adapter.integrations;

import dev.smsinbox.application.port.IntegratorRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;

/**
 * Loads the integrators' route files ({@code *.camel.yaml}, {@code *.camel.xml}) from the routes
 * folder, each on its own, once the inbox's own routes run: a file with an error is reported with
 * its name (and line, when the loader says) and left out, and the core routes and the other files
 * run. What was loaded and what was not is kept for the health check and /api/integrations.
 */
public final class RouteFiles implements IntegratorRoutes {

  private static final Logger LOG = Logger.getLogger(RouteFiles.class.getName());
  private static final Pattern LINE = Pattern.compile("line[: ]+(\\d+)", Pattern.CASE_INSENSITIVE);

  private volatile List<RouteFile> files = List.of();
  private volatile Path folder;

  static boolean isRouteFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".camel.yaml") || name.endsWith(".camel.xml");
  }

  /** Loads every route file of the folder into a started context. */
  public void load(CamelContext context, String dirName) throws IOException {
    Path dir = Path.of(dirName).toAbsolutePath().normalize();
    folder = dir;
    if (!Files.isDirectory(dir)) {
      LOG.info(() -> "No integrators' routes: folder " + dir + " does not exist");
      return;
    }
    List<Path> found;
    try (Stream<Path> list = Files.list(dir)) {
      found = list.filter(RouteFiles::isRouteFile).sorted().toList();
    }
    List<RouteFile> result = new ArrayList<>();
    for (Path file : found) {
      result.add(loadOne(context, file));
    }
    files = List.copyOf(result);
  }

  /**
   * Reloads a route file when it changes (camel.routes.reload). Only that file's routes are
   * replaced: the inbox's own routes and the other files' stay (removeAllRoutes false).
   */
  public void watch(CamelContext context, String dirName) throws Exception {
    RouteWatcherReloadStrategy watcher =
        new RouteWatcherReloadStrategy(Path.of(dirName).toAbsolutePath().toString(), false);
    watcher.setPattern("*.camel.yaml,*.camel.xml");
    watcher.setRemoveAllRoutes(false);
    context.addService(watcher);
    LOG.info(() -> "Integrators' route files in " + dirName + " reload when they change");
  }

  private static RouteFile loadOne(CamelContext context, Path file) {
    String name = file.getFileName().toString();
    Set<String> before = routeIds(context);
    try {
      Resource resource = ResourceHelper.resolveResource(context, "file:" + file);
      PluginHelper.getRoutesLoader(context).loadRoutes(resource);
      List<String> added = new ArrayList<>(routeIds(context));
      added.removeAll(before);
      // The supervising route controller leaves routes added to a started context stopped.
      for (String id : added) {
        context.getRouteController().startRoute(id);
      }
      LOG.info(() -> "Loaded route file " + name + " (routes " + added + ")");
      return new RouteFile(name, List.copyOf(added), null, null);
    } catch (Exception e) {
      removeAddedRoutes(context, before);
      Integer line = lineOf(e);
      String message = messageOf(e);
      LOG.log(
          Level.SEVERE,
          "Route file "
              + name
              + (line == null ? "" : " line " + line)
              + " in "
              + file.getParent()
              + " has an error and is not loaded (the inbox and the other files run): "
              + message,
          e);
      return new RouteFile(name, List.of(), message, line);
    }
  }

  private static void removeAddedRoutes(CamelContext context, Set<String> before) {
    for (String id : routeIds(context)) {
      if (!before.contains(id)) {
        try {
          context.getRouteController().stopRoute(id);
          context.removeRoute(id);
        } catch (Exception e) {
          LOG.log(Level.WARNING, "Could not remove route " + id + " of a broken file", e);
        }
      }
    }
  }

  private static Set<String> routeIds(CamelContext context) {
    Set<String> ids = new HashSet<>();
    for (Route route : context.getRoutes()) {
      ids.add(route.getRouteId());
    }
    return ids;
  }

  /** The first line number any exception in the chain mentions. */
  static Integer lineOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        Matcher m = LINE.matcher(t.getMessage());
        if (m.find()) {
          return Integer.valueOf(m.group(1));
        }
      }
    }
    return null;
  }

  /** The innermost message: usually the one that says what is wrong. */
  private static String messageOf(Throwable e) {
    String message = e.toString();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    message = message.strip();
    if (message.startsWith("Property with key [")) {
      message +=
          " (route files read only their own settings: keys under routes. and the ones"
              + " camel-routes/README.md lists, never the server's)";
    }
    return message;
  }

  @Override
  public List<RouteFile> files() {
    return files;
  }

  @Override
  public Path folder() {
    return folder;
  }
}
