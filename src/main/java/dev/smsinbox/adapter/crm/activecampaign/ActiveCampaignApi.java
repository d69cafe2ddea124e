package dev.smsinbox.adapter.crm.activecampaign;

import dev.smsinbox.application.port.CrmConnector;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * ActiveCampaign's API v3 on the wire: {@code <url>/api/3/<path>} with the Api-Token header, JSON
 * objects wrapped in their type's name ({@code {"contact": {...}}}), string ids, lists paged with
 * {@code limit}/{@code offset}. Every request waits for its slot ({@link RequestPacer}); a 429 is
 * waited out as its Retry-After says (up to a limit), then tried again. Whatever else fails becomes
 * a {@link CrmConnector.Failed} whose message names the CRM and the call, never the token.
 */
final class ActiveCampaignApi {

  private static final Logger LOG = Logger.getLogger(ActiveCampaignApi.class.getName());

  /** ActiveCampaign's largest page. */
  static final int PAGE = 100;

  private static final int ATTEMPTS_AFTER_429 = 3;

  /** A 422: the CRM understood the call and refused it, with its reasons. */
  static final class Refused extends CrmConnector.Failed {
    Refused(String message) {
      super(message);
    }
  }

  private final ActiveCampaignSettings settings;
  private final HttpClient http;
  private final RequestPacer pacer;

  ActiveCampaignApi(ActiveCampaignSettings settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .build();
    this.pacer = new RequestPacer(settings.requestsPerSecond());
  }

  JsonObject get(String path, Map<String, String> query) {
    return call("GET", path + queryString(query), null).orElse(JsonValue.EMPTY_JSON_OBJECT);
  }

  /** The resource, or empty when the CRM has none of that id (404). */
  Optional<JsonObject> find(String path) {
    return call("GET", path, null);
  }

  /**
   * @throws Refused when the CRM answers 422 (a duplicate, a missing field), with its errors
   */
  JsonObject post(String path, JsonObject body) {
    return call("POST", path, body)
        .orElseThrow(() -> failed("POST", path, 404, "there is no such resource"));
  }

  /** Deletes; one already gone (404) is deleted all the same. */
  void delete(String path) {
    call("DELETE", path, null);
  }

  /**
   * Every item of a list, page by page: {@code key} is the list's name in the answer ({@code
   * "tags"}). Stops at the last page (fewer items than asked for) or at {@code meta.total}.
   */
  List<JsonObject> all(String path, String key, Map<String, String> query) {
    List<JsonObject> items = new ArrayList<>();
    for (int offset = 0; ; offset += PAGE) {
      Map<String, String> page = new LinkedHashMap<>(query);
      page.put("limit", Integer.toString(PAGE));
      page.put("offset", Integer.toString(offset));
      JsonObject answer = get(path, page);
      JsonArray found =
          answer.containsKey(key) ? answer.getJsonArray(key) : JsonValue.EMPTY_JSON_ARRAY;
      found.forEach(item -> items.add(item.asJsonObject()));
      long total = total(answer).orElse(Long.MAX_VALUE);
      if (found.size() < PAGE || items.size() >= total) {
        return items;
      }
    }
  }

  private static Optional<Long> total(JsonObject answer) {
    JsonObject meta = answer.getJsonObject("meta");
    if (meta == null || !meta.containsKey("total")) {
      return Optional.empty();
    }
    JsonValue total = meta.get("total");
    try {
      return Optional.of(
          Long.parseLong(
              total instanceof JsonString s ? s.getString() : total.toString().replace("\"", "")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The answer's object, empty for a 404 or an empty body. */
  private Optional<JsonObject> call(String method, String pathAndQuery, JsonObject body) {
    URI uri = URI.create(settings.url() + "/api/3/" + pathAndQuery);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.timeout())
            .header("Api-Token", settings.apiToken())
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    String call = method + " /api/3/" + pathOnly(pathAndQuery);
    for (int attempt = 0; ; attempt++) {
      pacer.await();
      HttpResponse<String> response = send(request, call);
      int status = response.statusCode();
      if (status == 429) {
        Duration pause = retryAfter(response);
        if (attempt >= ATTEMPTS_AFTER_429 || pause.compareTo(settings.maxRetryAfter()) > 0) {
          throw failed(
              method,
              pathAndQuery,
              429,
              "too many requests; it asks to wait "
                  + pause.toSeconds()
                  + " s before the next one. Try again then.");
        }
        LOG.info(() -> "ActiveCampaign answered 429 to " + call + "; waiting " + pause);
        pacer.holdFor(pause);
        continue;
      }
      if (status == 404 && !method.equals("POST")) {
        return Optional.empty();
      }
      if (status == 422) {
        throw new Refused("ActiveCampaign refused " + call + " (422): " + message(response.body()));
      }
      if (status == 401 || status == 403) {
        throw failed(
            method,
            pathAndQuery,
            status,
            message(response.body())
                + " (check the API token, crm.activecampaign.api-token, and the URL)");
      }
      if (status / 100 != 2) {
        throw failed(method, pathAndQuery, status, message(response.body()));
      }
      return parse(response.body(), call);
    }
  }

  private HttpResponse<String> send(HttpRequest request, String call) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new CrmConnector.Failed(
          "ActiveCampaign ("
              + settings.url()
              + ") did not answer "
              + call
              + " within "
              + settings.timeout().toMillis()
              + " ms",
          e);
    } catch (ConnectException e) {
      throw new CrmConnector.Failed(
          "ActiveCampaign cannot be reached at "
              + settings.url()
              + " ("
              + (e.getMessage() == null ? "connection refused" : e.getMessage())
              + ")",
          e);
    } catch (IOException e) {
      throw new CrmConnector.Failed(
          "ActiveCampaign (" + settings.url() + ") failed " + call + ": " + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CrmConnector.Failed("Interrupted while calling ActiveCampaign", e);
    }
  }

  private CrmConnector.Failed failed(String method, String pathAndQuery, int status, String why) {
    return new CrmConnector.Failed(
        "ActiveCampaign ("
            + settings.url()
            + ") answered "
            + status
            + " to "
            + method
            + " /api/3/"
            + pathOnly(pathAndQuery)
            + ": "
            + why);
  }

  private static Optional<JsonObject> parse(String body, String call) {
    if (body == null || body.isBlank()) {
      return Optional.of(JsonValue.EMPTY_JSON_OBJECT);
    }
    try (var reader = Json.createReader(new StringReader(body))) {
      return Optional.of(reader.readObject());
    } catch (JsonException | ClassCastException e) {
      throw new CrmConnector.Failed(
          "ActiveCampaign answered " + call + " with something that is not a JSON object", e);
    }
  }

  /** Seconds, or an HTTP date; a missing or unreadable header counts as one second. */
  static Duration retryAfter(HttpResponse<?> response) {
    Optional<String> value = response.headers().firstValue("Retry-After").map(String::strip);
    if (value.isEmpty()) {
      return Duration.ofSeconds(1);
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.get())));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return until.isNegative() ? Duration.ZERO : until;
      } catch (RuntimeException unreadable) {
        return Duration.ofSeconds(1);
      }
    }
  }

  /** The CRM's own words: its errors' titles (a 422), its message, or the start of the body. */
  static String message(String body) {
    if (body == null || body.isBlank()) {
      return "no message";
    }
    try (var reader = Json.createReader(new StringReader(body))) {
      JsonObject json = reader.readObject();
      if (json.containsKey("errors")
          && json.get("errors").getValueType() == JsonValue.ValueType.ARRAY) {
        String errors =
            json.getJsonArray("errors").stream()
                .filter(e -> e.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject)
                .map(e -> e.getString("title", e.getString("detail", "")))
                .filter(t -> !t.isBlank())
                .collect(Collectors.joining("; "));
        if (!errors.isEmpty()) {
          return errors;
        }
      }
      if (json.containsKey("message")) {
        return json.getString("message", json.get("message").toString());
      }
    } catch (RuntimeException notJson) {
      // fall through to the text itself
    }
    String text = body.strip();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  private static String reason(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String pathOnly(String pathAndQuery) {
    int query = pathAndQuery.indexOf('?');
    return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
  }

  static String queryString(Map<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    return "?"
        + query.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** An id as ActiveCampaign writes it: a string, sometimes a number. */
  static String id(JsonObject item, String key) {
    JsonValue value = item.get(key);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    return value instanceof JsonString s ? s.getString() : value.toString();
  }

  static String text(JsonObject item, String key) {
    JsonValue value = item.get(key);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    return value instanceof JsonString s ? s.getString() : value.toString();
  }
}
