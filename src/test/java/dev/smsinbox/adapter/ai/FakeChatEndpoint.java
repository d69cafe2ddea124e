package dev.smsinbox.adapter.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An OpenAI-compatible chat endpoint on a loopback port: records each request and answers what the
 * test sets: a completion, an HTTP error, or nothing until the test ends (a time-out).
 */
final class FakeChatEndpoint implements AutoCloseable {

  record Request(String path, String authorization, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile int status = 200;
  private volatile String content = "Hello!";
  private volatile boolean hang;

  FakeChatEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  void answer(String text) {
    this.status = 200;
    this.content = text;
  }

  void fail(int status) {
    this.status = status;
  }

  void hang() {
    this.hang = true;
  }

  List<Request> requests() {
    return requests;
  }

  private void handle(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    requests.add(
        new Request(
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            body));
    if (hang) {
      try {
        released.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String json =
        status == 200
            ? JSON.writeValueAsString(
                JSON.createObjectNode()
                    .put("id", "chatcmpl-1")
                    .put("object", "chat.completion")
                    .put("created", 1_700_000_000)
                    .put("model", body.path("model").asText())
                    .set(
                        "choices",
                        JSON.createArrayNode()
                            .add(
                                JSON.createObjectNode()
                                    .put("index", 0)
                                    .put("finish_reason", "stop")
                                    .set(
                                        "message",
                                        JSON.createObjectNode()
                                            .put("role", "assistant")
                                            .put("content", content)))))
            : "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // the client gave up (time-out test)
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
