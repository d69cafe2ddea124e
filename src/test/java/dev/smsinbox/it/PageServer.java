package dev.smsinbox.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A tiny web site on a loopback port: the pages draft replies may use (the inbox under test runs
 * with ai.content.allow-private=true so it may fetch from here), or a host CRM's page that frames
 * the inbox.
 */
public final class PageServer implements AutoCloseable {

  private final HttpServer server;

  public PageServer(Map<String, String> htmlByPath) {
    this(0, htmlByPath);
  }

  /** On a given port: a site whose origin the inbox under test is configured to know. */
  public PageServer(int port, Map<String, String> htmlByPath) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    htmlByPath.forEach(
        (path, html) ->
            server.createContext(
                path,
                exchange -> {
                  byte[] body = html.getBytes(StandardCharsets.UTF_8);
                  exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                  exchange.sendResponseHeaders(200, body.length);
                  try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                  }
                }));
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
