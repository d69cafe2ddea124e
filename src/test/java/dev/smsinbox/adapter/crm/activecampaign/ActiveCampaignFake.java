package dev.smsinbox.adapter.crm.activecampaign;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * ActiveCampaign's API v3 as the connector meets it, on a JDK HttpServer: objects wrapped in their
 * type's name ({@code {"contact": {...}}}), every id and number a string, lists paged with {@code
 * limit} (default 20, at most 100) and {@code offset} with {@code meta.total}, 404 for an unknown
 * id, 422 with an {@code errors} array for a duplicate or a missing field, 403 without the right
 * Api-Token header. A test can make it answer 429 with Retry-After, hold its answers (a CRM too
 * slow to answer), or stop it (a CRM that is down). Every request is recorded.
 *
 * <p>Seeded with two lists ("SMS news", "SMS offers"), two automations ("Welcome series",
 * "Win-back") and pipeline 1's stages "New" (1) and "Proposal" (2); pipeline 2 has a "Proposal" of
 * its own (3).
 */
public final class ActiveCampaignFake implements AutoCloseable {

  public static final String TOKEN = "fake-token-of-the-tests";

  /** A request as the fake received it. */
  public record Request(
      String method,
      String path,
      Map<String, String> query,
      String apiToken,
      String body,
      long nanos) {}

  private final int port;
  private HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Map<String, Map<String, String>>> store = new HashMap<>();
  private final Map<String, AtomicInteger> ids = new HashMap<>();
  private final AtomicInteger tooMany = new AtomicInteger();
  private volatile int retryAfterSeconds = 1;
  private volatile boolean failing;
  private final AtomicReference<CountDownLatch> held = new AtomicReference<>();

  public ActiveCampaignFake(int port) throws IOException {
    seed("lists", Map.of("name", "SMS news", "stringid", "sms-news"));
    seed("lists", Map.of("name", "SMS offers", "stringid", "sms-offers"));
    seed("automations", Map.of("name", "Welcome series", "status", "1"));
    seed("automations", Map.of("name", "Win-back", "status", "1"));
    seed("dealStages", Map.of("title", "New", "group", "1", "order", "1"));
    seed("dealStages", Map.of("title", "Proposal", "group", "1", "order", "2"));
    seed("dealStages", Map.of("title", "Proposal", "group", "2", "order", "1"));
    server = listen(port);
    this.port = server.getAddress().getPort();
  }

  private HttpServer listen(int port) throws IOException {
    HttpServer listening =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    listening.createContext("/api/3/", this::handle);
    listening.setExecutor(threads);
    listening.start();
    return listening;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The CRM goes down: nothing listens on its port (connections are refused). */
  public synchronized void down() {
    server.stop(0);
  }

  /** Back up on the same port, with everything it had. */
  public synchronized void up() throws IOException {
    server = listen(port);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String method, String path) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .toList();
  }

  /** The next {@code times} requests answer 429 with {@code Retry-After: seconds}. */
  public void answerTooManyRequests(int times, int seconds) {
    retryAfterSeconds = seconds;
    tooMany.set(times);
  }

  /** How many of the 429 answers asked for are still to come. */
  public int tooManyRequestsLeft() {
    return tooMany.get();
  }

  /** Every request answers 500 (until {@link #answerNormally}): a CRM that is up but broken. */
  public void answerServerErrors() {
    failing = true;
  }

  public void answerNormally() {
    failing = false;
  }

  /** Requests wait (until {@link #release}) before they are answered: a CRM too slow to answer. */
  public void holdAnswers() {
    held.set(new CountDownLatch(1));
  }

  public void release() {
    CountDownLatch latch = held.getAndSet(null);
    if (latch != null) {
      latch.countDown();
      // The held requests finish answering before the next test sets the fake up: one answered
      // late must not take the 429 a later test arranged for its own request.
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .until(() -> answering.get() == 0);
    }
  }

  /**
   * The collection's next ids start at {@code first}: a second fake on a server that still links
   * its contacts to the first fake's ids (crm links outlive a test class) must not hand out the
   * same ids for other people.
   */
  public synchronized void idsFrom(String collection, int first) {
    ids.computeIfAbsent(collection, c -> new AtomicInteger()).set(first - 1);
  }

  /** Adds an item as if made in the CRM itself; its id. */
  public synchronized String seed(String collection, Map<String, String> fields) {
    String id =
        Integer.toString(
            ids.computeIfAbsent(collection, c -> new AtomicInteger()).incrementAndGet());
    Map<String, String> item = new LinkedHashMap<>(fields);
    item.put("id", id);
    store.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(id, item);
    return id;
  }

  /** The items of a collection whose fields match, as the CRM keeps them. */
  public synchronized List<Map<String, String>> items(
      String collection, Map<String, String> match) {
    return store.getOrDefault(collection, Map.of()).values().stream()
        .filter(
            i -> match.entrySet().stream().allMatch(e -> e.getValue().equals(i.get(e.getKey()))))
        .map(Map::copyOf)
        .toList();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    threads.shutdownNow();
  }

  // The API

  private void handle(HttpExchange exchange) throws IOException {
    answering.incrementAndGet();
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getPath().substring("/api/3/".length());
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String token = exchange.getRequestHeaders().getFirst("Api-Token");
      String method = exchange.getRequestMethod();
      requests.add(new Request(method, path, query, token, body, System.nanoTime()));
      CountDownLatch latch = held.get();
      if (latch != null) {
        latch.await(30, TimeUnit.SECONDS);
      }
      if (failing) {
        send(exchange, 500, message("Internal Server Error"));
        return;
      }
      if (tooMany.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
        send(exchange, 429, message("Too Many Requests"));
        return;
      }
      if (!TOKEN.equals(token)) {
        send(exchange, 403, message("No Result found for Subscriber with id 0"));
        return;
      }
      Answer answer;
      synchronized (this) {
        answer = answer(method, path.split("/"), query, body);
      }
      send(exchange, answer.status(), answer.json());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      send(exchange, 500, message("fake failed: " + e));
    } finally {
      answering.decrementAndGet();
    }
  }

  /** Requests being answered now. */
  private final AtomicInteger answering = new AtomicInteger();

  private record Answer(int status, JsonObject json) {}

  private Answer answer(String method, String[] path, Map<String, String> query, String body) {
    String collection = path[0];
    if (path.length == 2 && collection.equals("contact") && path[1].equals("sync")) {
      return sync(wrapped(body, "contact"));
    }
    if (!known(collection)) {
      return new Answer(404, message("No route"));
    }
    if (path.length == 1 && method.equals("GET")) {
      return page(collection, filter(collection, query), query);
    }
    if (path.length == 1 && method.equals("POST")) {
      return create(collection, wrapped(body, singular(collection)));
    }
    Map<String, String> item = store.getOrDefault(collection, Map.of()).get(path[1]);
    if (item == null) {
      return new Answer(
          404, message("No Result found for " + singular(collection) + " with id " + path[1]));
    }
    if (path.length == 3 && method.equals("GET") && collection.equals("contacts")) {
      String sub = path[2];
      Predicate<Map<String, String>> ofContact = i -> path[1].equals(i.get("contact"));
      List<Map<String, String>> found =
          store.getOrDefault(sub, Map.of()).values().stream().filter(ofContact).toList();
      JsonArrayBuilder array = Json.createArrayBuilder();
      found.forEach(i -> array.add(json(i)));
      return new Answer(200, Json.createObjectBuilder().add(sub, array).build());
    }
    if (path.length == 2 && method.equals("GET")) {
      return new Answer(
          200, Json.createObjectBuilder().add(singular(collection), json(item)).build());
    }
    if (path.length == 2 && method.equals("DELETE")) {
      store.get(collection).remove(path[1]);
      return new Answer(200, JsonValue.EMPTY_JSON_OBJECT);
    }
    return new Answer(404, message("No route"));
  }

  private static boolean known(String collection) {
    return List.of(
            "contacts",
            "tags",
            "contactTags",
            "lists",
            "contactLists",
            "automations",
            "contactAutomations",
            "deals",
            "dealStages",
            "accounts",
            "accountContacts")
        .contains(collection);
  }

  private Predicate<Map<String, String>> filter(String collection, Map<String, String> query) {
    Predicate<Map<String, String>> all = i -> true;
    if (query.containsKey("email")) {
      all = all.and(i -> query.get("email").equalsIgnoreCase(i.get("email")));
    }
    if (query.containsKey("phone")) {
      all = all.and(i -> i.getOrDefault("phone", "").startsWith(query.get("phone")));
    }
    if (query.containsKey("search")) {
      String field = collection.equals("tags") ? "tag" : "name";
      String search = query.get("search").toLowerCase(Locale.ROOT);
      all = all.and(i -> i.getOrDefault(field, "").toLowerCase(Locale.ROOT).contains(search));
    }
    for (var e : query.entrySet()) {
      if (e.getKey().startsWith("filters[")) {
        String field = e.getKey().substring(8, e.getKey().length() - 1);
        String stored = field.equals("d_groupid") ? "group" : field;
        all = all.and(i -> e.getValue().equals(i.get(stored)));
      }
    }
    return all;
  }

  private Answer page(
      String collection, Predicate<Map<String, String>> filter, Map<String, String> query) {
    List<Map<String, String>> found =
        store.getOrDefault(collection, Map.of()).values().stream().filter(filter).toList();
    int limit = Math.min(100, Integer.parseInt(query.getOrDefault("limit", "20")));
    int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
    JsonArrayBuilder array = Json.createArrayBuilder();
    found.stream().skip(offset).limit(limit).forEach(i -> array.add(json(i)));
    return new Answer(
        200,
        Json.createObjectBuilder()
            .add(collection, array)
            .add("meta", Json.createObjectBuilder().add("total", Integer.toString(found.size())))
            .build());
  }

  private Answer create(String collection, Map<String, String> fields) {
    List<String> missing =
        switch (collection) {
          case "contacts" ->
              fields.containsKey("email") || fields.containsKey("phone")
                  ? List.of()
                  : List.of("email");
          case "tags" -> required(fields, "tag");
          case "contactTags" -> required(fields, "contact", "tag");
          case "contactLists" -> required(fields, "contact", "list", "status");
          case "contactAutomations" -> required(fields, "contact", "automation");
          case "deals" ->
              required(fields, "contact", "title", "value", "currency", "group", "stage", "owner");
          case "accounts" -> required(fields, "name");
          case "accountContacts" -> required(fields, "contact", "account");
          default -> List.of("anything");
        };
    if (!missing.isEmpty()) {
      return errors(
          missing.stream().map(f -> "The " + f + " field is required.").toArray(String[]::new));
    }
    String now = OffsetDateTime.now(ZoneOffset.ofHours(-5)).withNano(0).toString();
    switch (collection) {
      case "contacts" -> {
        if (fields.containsKey("email")
            && !items("contacts", Map.of("email", fields.get("email"))).isEmpty()) {
          return errors("Email address already exists in the system.");
        }
        fields.put("cdate", now);
      }
      case "tags" -> {
        if (byName("tags", "tag", fields.get("tag"))) {
          return errors("Duplicate tag: a tag of that name already exists.");
        }
        fields.putIfAbsent("tagType", "contact");
      }
      case "accounts" -> {
        if (byName("accounts", "name", fields.get("name"))) {
          return errors("An account with this name already exists.");
        }
      }
      case "contactTags" -> {
        if (!exists("contacts", fields.get("contact")) || !exists("tags", fields.get("tag"))) {
          return errors("The related contact or tag does not exist.");
        }
        List<Map<String, String>> same =
            items(
                "contactTags", Map.of("contact", fields.get("contact"), "tag", fields.get("tag")));
        if (!same.isEmpty()) {
          return new Answer(200, wrap("contactTag", same.get(0)));
        }
        fields.put("cdate", now);
      }
      case "contactLists" -> {
        if (!exists("contacts", fields.get("contact")) || !exists("lists", fields.get("list"))) {
          return errors("The related contact or list does not exist.");
        }
        Map<String, String> same =
            store.getOrDefault("contactLists", Map.of()).values().stream()
                .filter(
                    i ->
                        i.get("contact").equals(fields.get("contact"))
                            && i.get("list").equals(fields.get("list")))
                .findFirst()
                .orElse(null);
        if (same != null) {
          same.put("status", fields.get("status"));
          same.put(fields.get("status").equals("1") ? "sdate" : "udate", now);
          return new Answer(200, wrap("contactList", same));
        }
        fields.put(fields.get("status").equals("1") ? "sdate" : "udate", now);
      }
      case "contactAutomations" -> {
        if (!exists("contacts", fields.get("contact"))
            || !exists("automations", fields.get("automation"))) {
          return errors("The related contact or automation does not exist.");
        }
        fields.put("adddate", now);
        fields.put("status", "1");
      }
      case "deals" -> {
        Map<String, String> stage = store.get("dealStages").get(fields.get("stage"));
        if (stage == null || !stage.get("group").equals(fields.get("group"))) {
          return errors("The stage is not a stage of the pipeline.");
        }
        if (!fields.get("currency").equals(fields.get("currency").toLowerCase(Locale.ROOT))) {
          return errors("Currency must be a lower-case 3-letter code.");
        }
        if (!fields.get("value").matches("\\d+")) {
          return errors("Value must be a whole number of cents.");
        }
        fields.put("cdate", now);
        fields.putIfAbsent("status", "0");
      }
      case "accountContacts" -> {
        if (!items("accountContacts", Map.of("contact", fields.get("contact"))).isEmpty()) {
          return errors("The contact is already associated with an account.");
        }
      }
      default -> {}
    }
    String id = seed(collection, fields);
    return new Answer(201, wrap(singular(collection), store.get(collection).get(id)));
  }

  private Answer sync(Map<String, String> fields) {
    if (!fields.containsKey("email")) {
      return errors("The email field is required.");
    }
    List<Map<String, String>> same = items("contacts", Map.of("email", fields.get("email")));
    if (same.isEmpty()) {
      return create("contacts", fields);
    }
    Map<String, String> contact = store.get("contacts").get(same.get(0).get("id"));
    contact.putAll(fields);
    return new Answer(200, wrap("contact", contact));
  }

  private boolean byName(String collection, String field, String name) {
    return store.getOrDefault(collection, Map.of()).values().stream()
        .anyMatch(i -> name.equalsIgnoreCase(i.get(field)));
  }

  private boolean exists(String collection, String id) {
    return id != null && store.getOrDefault(collection, Map.of()).containsKey(id);
  }

  private static List<String> required(Map<String, String> fields, String... names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (fields.get(name) == null || fields.get(name).isBlank()) {
        missing.add(name);
      }
    }
    return missing;
  }

  // JSON

  /** The posted object's fields, every value as the string ActiveCampaign would store. */
  private static Map<String, String> wrapped(String body, String type) {
    JsonObject json;
    try (var reader = Json.createReader(new StringReader(body))) {
      json = reader.readObject().getJsonObject(type);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    if (json != null) {
      json.forEach(
          (k, v) -> {
            if (v instanceof JsonString s) {
              fields.put(k, s.getString());
            } else if (v instanceof JsonNumber n) {
              fields.put(k, n.toString());
            } else if (v != JsonValue.NULL) {
              fields.put(k, v.toString());
            }
          });
    }
    return fields;
  }

  private static JsonObject json(Map<String, String> item) {
    JsonObjectBuilder builder = Json.createObjectBuilder();
    item.forEach(builder::add);
    return builder.build();
  }

  private static JsonObject wrap(String type, Map<String, String> item) {
    return Json.createObjectBuilder().add(type, json(item)).build();
  }

  private static Answer errors(String... titles) {
    JsonArrayBuilder errors = Json.createArrayBuilder();
    for (String title : titles) {
      errors.add(
          Json.createObjectBuilder()
              .add("title", title)
              .add("detail", "")
              .add("code", "field_invalid")
              .add("source", Json.createObjectBuilder().add("pointer", "/data/attributes")));
    }
    return new Answer(422, Json.createObjectBuilder().add("errors", errors).build());
  }

  private static JsonObject message(String text) {
    return Json.createObjectBuilder().add("message", text).build();
  }

  private static String singular(String collection) {
    return collection.substring(0, collection.length() - 1);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  private static void send(HttpExchange exchange, int status, JsonObject json) {
    try {
      byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (IOException e) {
      // the client went away (a time-out): nothing to answer
    }
  }
}
