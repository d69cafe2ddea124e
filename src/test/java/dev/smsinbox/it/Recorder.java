package dev.smsinbox.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The HTTP server the integrators' test routes and the shipped examples post to, on {@code
 * it.recorder.port}: it keeps every request. It lives for the whole test run (see {@link
 * RecorderSession}), so routes of the test server never fail for want of it.
 */
public final class Recorder {

  /**
   * @param body the body decoded as UTF-8
   * @param bytes the body as it arrived (a signature covers these)
   */
  public record Request(String path, Map<String, List<String>> headers, String body, byte[] bytes) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private static volatile Recorder running;

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private Recorder(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            requests.add(
                new Request(
                    exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(bytes, StandardCharsets.UTF_8),
                    bytes));
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
  }

  static synchronized void startIfConfigured() {
    String port = System.getProperty("it.recorder.port");
    if (running == null && port != null) {
      try {
        running = new Recorder(Integer.parseInt(port));
      } catch (IOException e) {
        throw new IllegalStateException("Recorder cannot listen on port " + port, e);
      }
    }
  }

  static synchronized void stop() {
    if (running != null) {
      running.server.stop(0);
      running = null;
    }
  }

  public static Recorder get() {
    startIfConfigured();
    if (running == null) {
      throw new IllegalStateException("Set it.recorder.port to run the integrators' tests");
    }
    return running;
  }

  public Optional<Request> find(String path, Predicate<Request> which) {
    return requests.stream().filter(r -> r.path().equals(path) && which.test(r)).findFirst();
  }

  public List<Request> all(String path, Predicate<Request> which) {
    return requests.stream().filter(r -> r.path().equals(path) && which.test(r)).toList();
  }
}
