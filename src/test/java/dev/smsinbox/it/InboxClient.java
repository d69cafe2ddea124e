package dev.smsinbox.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A black-box client of the running inbox, signed in as one of the demo users (or nobody). */
public final class InboxClient {

  static final ObjectMapper JSON = new ObjectMapper();
  public static final String BASE =
      "http://localhost:" + System.getProperty("it.http.port", "9080");

  public record Answer(int status, String contentType, String body, HttpHeaders headers) {
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("Not JSON (" + status + "): " + body, e);
      }
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String authorization;
  private final Map<String, String> headers;

  private InboxClient(String user, String password) {
    this(
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
        Map.of());
  }

  private InboxClient(String authorization, Map<String, String> headers) {
    this.authorization = authorization;
    this.headers = headers;
  }

  /** Signed in by a host CRM token (Authorization: Bearer). */
  public static InboxClient bearer(String jwt) {
    return new InboxClient("Bearer " + jwt, Map.of());
  }

  /** The same caller, sending one more header on every request (Cookie, Origin …). */
  public InboxClient with(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new InboxClient(authorization, more);
  }

  public static InboxClient admin() {
    return new InboxClient("admin", "admin");
  }

  public static InboxClient agent() {
    return new InboxClient("agent", "agent");
  }

  public static InboxClient crm() {
    return new InboxClient("crm", "crm");
  }

  /**
   * TLS that accepts the test servers' self-signed certificate (and any other: for tests and
   * benchmarks against a local server only).
   */
  public static javax.net.ssl.SSLContext trustingTheTestServersCertificate() {
    try {
      javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
      tls.init(
          null,
          new javax.net.ssl.TrustManager[] {
            new javax.net.ssl.X509TrustManager() {
              @Override
              public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

              @Override
              public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

              @Override
              public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
              }
            }
          },
          null);
      return tls;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A GET of Liberty's /metrics over HTTPS (Liberty sends a signed-in /metrics there), as its
   * {@code monitor} user with the test servers' password, or anonymously.
   */
  public static Answer metrics(String path, boolean asMonitor) {
    try {
      HttpClient https =
          HttpClient.newBuilder()
              .sslContext(trustingTheTestServersCertificate())
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
                  URI.create(
                      "https://localhost:" + System.getProperty("it.https.port", "9443") + path))
              .timeout(Duration.ofSeconds(20))
              .GET();
      if (asMonitor) {
        request.header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("monitor:monitor-it".getBytes(StandardCharsets.UTF_8)));
      }
      HttpResponse<String> response =
          https.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          response.headers());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static InboxClient anonymous() {
    return new InboxClient(null, Map.of());
  }

  /**
   * Whether the inbox's SMPP link is bound, as its own health check says ({@code smpp-link} in
   * /health/live; readiness leaves the link out since issue 19).
   */
  public static boolean linkBound() {
    return linkBound(anonymous().get("/health/live").body());
  }

  /** The {@code smpp-link} check's {@code bound} in a health answer. */
  static boolean linkBound(String health) {
    try {
      for (JsonNode check : JSON.readTree(health).path("checks")) {
        if ("smpp-link".equals(check.path("name").asText())) {
          return check.path("data").path("bound").asBoolean(false);
        }
      }
      return false;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  public Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(BASE + path)).GET());
  }

  /** A GET with headers of its own, given as name, value, name, value … */
  public Answer get(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  public Answer post(String path, Object body) {
    return post(path, body, Map.of());
  }

  /** A POST with headers of its own (an Idempotency-Key …). */
  public Answer post(String path, Object body, Map<String, String> headers) {
    try {
      String json = body instanceof String s ? s : JSON.writeValueAsString(body);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(BASE + path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json));
      headers.forEach(request::header);
      return send(request);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  public Answer delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(BASE + path)).DELETE());
  }

  public Answer patch(String path, Object body) {
    try {
      String json = body instanceof String s ? s : JSON.writeValueAsString(body);
      return send(
          HttpRequest.newBuilder(URI.create(BASE + path))
              .header("Content-Type", "application/json")
              .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  public Answer put(String path, Object body) {
    try {
      String json = body instanceof String s ? s : JSON.writeValueAsString(body);
      return send(
          HttpRequest.newBuilder(URI.create(BASE + path))
              .header("Content-Type", "application/json")
              .PUT(HttpRequest.BodyPublishers.ofString(json)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private Answer send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          response.headers());
    } catch (IOException e) {
      throw new AssertionError("Request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The body of POST /api/numbers for a dedicated, registered US number: two-way. */
  public static Map<String, Object> twoWayNumber(String number) {
    return Map.of("number", number, "country", "US", "dedicated", true, "registered", true);
  }
}
