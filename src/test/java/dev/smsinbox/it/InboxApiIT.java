package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inbox through its REST API: search, paging, unread, deletion and live events. */
class InboxApiIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();
  static String phone;
  static String surname;
  static long conversation;

  @BeforeAll
  static void aContactCalledJose() {
    phone = FreshNumbers.us();
    surname = "Núñez" + letters(6);
    var created =
        inbox
            .admin()
            .post(
                "/api/contacts",
                Map.of(
                    "firstName",
                    "José",
                    "lastName",
                    surname,
                    "phone",
                    phone,
                    "email",
                    surname.toLowerCase() + "@example.com"));
    assertThat(created.status()).isIn(200, 201);
    assertThat(inbox.deliver(phone, "Hola")).isZero();
    conversation = SmsPathIT.awaitRow(phone).get("id").asLong();
  }

  @ParameterizedTest
  @ValueSource(strings = {"nunez%s", "NÚÑEZ%S", "núñez%s", "jose nunez%s", "José Núñez%s", "nuñ"})
  void namesMatchByPrefixWhateverTheCaseAndAccents(String typed) {
    String q = String.format(typed, surname.substring("Núñez".length()));
    assertThat(found(q)).as("search '%s'", q).contains(conversation);
  }

  @Test
  void emailMatchesByPrefix() {
    assertThat(found(surname.substring(0, 8).toLowerCase())).contains(conversation);
    assertThat(found(surname.toLowerCase() + "@exa")).contains(conversation);
  }

  @Test
  void aPhoneNumberInAnyCommonFormFindsTheContact() {
    String national = phone.substring(2); // 10 digits
    String area = national.substring(0, 3);
    String exchange = national.substring(3, 6);
    String line = national.substring(6);
    for (String typed :
        List.of(
            "+1 " + area + "-" + exchange + "-" + line,
            "(" + area + ") " + exchange + "-" + line,
            national,
            exchange + "-" + line)) {
      assertThat(found(typed)).as("search '%s'", typed).contains(conversation);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"%", "_", "%_%", "' or '1'='1", "\\", "x'); drop table contact; --"})
  void searchTextIsDataNotSyntax(String typed) {
    var answer = inbox.admin().get("/api/inbox/conversations?q=" + enc(typed));
    assertThat(answer.status()).isEqualTo(200);
    for (JsonNode row : answer.json().get("items")) {
      JsonNode c = row.get("contact");
      String all = c.get("firstName") + " " + c.get("lastName") + " " + c.get("email");
      assertThat(all.toLowerCase()).contains(typed.toLowerCase().substring(0, 1));
    }
  }

  @Test
  void pagesNeverRepeatAConversationWhileMessagesArrive() {
    String tag = "Page" + letters(6);
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String p = FreshNumbers.us();
      phones.add(p);
      inbox
          .admin()
          .post("/api/contacts", Map.of("firstName", tag, "lastName", "No" + i, "phone", p));
      assertThat(inbox.deliver(p, "hello " + i)).isZero();
      SmsPathIT.awaitRow(p);
    }
    List<Long> seen = new ArrayList<>();
    JsonNode page = inbox.admin().get("/api/inbox/conversations?limit=2&q=" + tag).json();
    page.get("items").forEach(r -> seen.add(r.get("id").asLong()));
    // A conversation further down gets a new message and moves to the top meanwhile.
    assertThat(inbox.deliver(phones.get(0), "me again")).isZero();
    await().until(() -> found(tag).get(0).equals(idOf(phones.get(0))));
    while (!page.get("nextCursor").isNull()) {
      page =
          inbox
              .admin()
              .get(
                  "/api/inbox/conversations?limit=2&q="
                      + tag
                      + "&cursor="
                      + page.get("nextCursor").asText())
              .json();
      page.get("items").forEach(r -> seen.add(r.get("id").asLong()));
    }
    assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
    for (int i = 1; i < 5; i++) {
      assertThat(seen).contains(idOf(phones.get(i)));
    }
  }

  @Test
  void unreadIsExactAndMarkingReadAndUnreadMovesTheBadge() {
    String p = FreshNumbers.us();
    for (int i = 0; i < 3; i++) {
      assertThat(inbox.deliver(p, "unread " + i)).isZero();
    }
    long id = idOf(p);
    await().until(() -> row(id).get("unreadCount").asInt() == 3);
    assertThat(ids(inbox.admin().get("/api/inbox/conversations?unread=true&limit=100").json()))
        .contains(id);
    long before = unreadTotal();
    assertThat(inbox.admin().post("/api/inbox/conversations/" + id + "/read", "").status())
        .isEqualTo(204);
    assertThat(row(id).get("unreadCount").asInt()).isZero();
    assertThat(unreadTotal()).isEqualTo(before - 3);
    for (JsonNode r :
        inbox.admin().get("/api/inbox/conversations?unread=true&limit=100").json().get("items")) {
      assertThat(r.get("unreadCount").asInt()).isPositive();
    }
    assertThat(inbox.admin().post("/api/inbox/conversations/" + id + "/unread", "").status())
        .isEqualTo(204);
    assertThat(row(id).get("unreadCount").asInt()).isEqualTo(1);
    assertThat(unreadTotal()).isEqualTo(before - 2);
  }

  @Test
  void deletingAContactErasesItsHistoryAndARestoreStartsAfresh() {
    String p = FreshNumbers.us();
    assertThat(inbox.deliver(p, "remember me")).isZero();
    long old = idOf(p);
    long contact = row(old).get("contact").get("id").asLong();

    assertThat(inbox.admin().delete("/api/contacts/" + contact).status()).isEqualTo(204);
    assertThat(inbox.admin().get("/api/inbox/conversations/" + old).status()).isEqualTo(404);
    assertThat(found(p.substring(5))).doesNotContain(old);

    assertThat(inbox.admin().post("/api/contacts/" + contact + "/restore", "").status())
        .isEqualTo(204);
    assertThat(inbox.deliver(p, "it's me, new")).isZero();
    long fresh = idOf(p);
    assertThat(fresh).isNotEqualTo(old);
    JsonNode messages =
        inbox.admin().get("/api/inbox/conversations/" + fresh).json().get("messages");
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).get("text").asText()).isEqualTo("it's me, new");
    assertThat(inbox.admin().delete("/api/contacts/987654321").status()).isEqualTo(404);
  }

  @Test
  void deletingAContactTellsTheScreensLiveAndItsUnreadLeaveTheBadge() throws Exception {
    String p = FreshNumbers.us();
    assertThat(inbox.deliver(p, "forget me")).isZero();
    long conversation = idOf(p);
    long contact = row(conversation).get("contact").get("id").asLong();
    List<String[]> events = new CopyOnWriteArrayList<>();
    Thread reader = listen(null, events);
    try {
      await().until(() -> events.stream().anyMatch(e -> e[1].equals("unread.count")));
      int before = events.size();

      assertThat(inbox.admin().delete("/api/contacts/" + contact).status()).isEqualTo(204);

      await("the screens are told the conversation is gone")
          .atMost(Duration.ofSeconds(5))
          .until(() -> deleted(events, conversation) != null);
      String[] deleted = deleted(events, conversation);
      // Only the ids: what the conversation held is gone, not announced.
      assertThat(InboxClient.JSON.readTree(deleted[2]).get("contactId").asLong())
          .isEqualTo(contact);
      assertThat(deleted[2]).doesNotContain("forget me");
      // The badge follows: a fresh total comes after the deletion.
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  // The list's own stream is a snapshot; a sublist of it fails when an event
                  // comes in meanwhile.
                  events.stream().skip(before).anyMatch(e -> e[1].equals("unread.count")));
    } finally {
      reader.interrupt();
    }
  }

  private static long idIn(String payload) {
    try {
      return InboxClient.JSON.readTree(payload).get("conversationId").asLong();
    } catch (java.io.IOException e) {
      throw new AssertionError("Not JSON: " + payload, e);
    }
  }

  private static String[] deleted(List<String[]> events, long conversation) {
    return events.stream()
        .filter(e -> e[1].equals("conversation.deleted") && idIn(e[2]) == conversation)
        .findFirst()
        .orElse(null);
  }

  @Test
  void liveEventsArriveAndAReconnectGetsWhatItMissed() throws Exception {
    String p = FreshNumbers.us();
    List<String[]> events = new CopyOnWriteArrayList<>();
    Thread reader = listen(null, events);
    try {
      await().until(() -> events.stream().anyMatch(e -> e[1].equals("unread.count")));
      assertThat(inbox.deliver(p, "live one")).isZero();
      await().atMost(Duration.ofSeconds(5)).until(() -> received(events, "live one") != null);
    } finally {
      reader.interrupt();
    }
    String lastId = received(events, "live one")[0];

    assertThat(inbox.deliver(p, "while you were away")).isZero();
    // Filed (and its event committed) while nobody listened: the reconnect must replay it.
    await("the missed message is filed")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                SmsPathIT.awaitRow(p)
                    .get("lastMessage")
                    .get("text")
                    .asText()
                    .equals("while you were away"));
    List<String[]> replayed = new CopyOnWriteArrayList<>();
    Thread again = listen(lastId, replayed);
    try {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> received(replayed, "while you were away") != null);
      assertThat(received(replayed, "live one")).isNull();
    } finally {
      again.interrupt();
    }
  }

  /** Reads the event stream on a thread; each event as {id, name, data}. */
  static Thread listen(String lastEventId, List<String[]> events) {
    return listen(
        "Basic "
            + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)),
        lastEventId,
        events);
  }

  /** The same, signed in with that Authorization header (a host CRM's Bearer token, say). */
  static Thread listen(String authorization, String lastEventId, List<String[]> events) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(InboxClient.BASE + "/api/inbox/events"))
            .header("Accept", "text/event-stream")
            .header("Authorization", authorization);
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    Thread t =
        new Thread(
            () -> {
              try {
                HttpResponse<java.io.InputStream> response =
                    HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()
                        .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                  String id = "", name = "", data = "";
                  String line;
                  while (!Thread.currentThread().isInterrupted()
                      && (line = in.readLine()) != null) {
                    if (line.startsWith("id:")) {
                      id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                      name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                      data = line.substring(5).strip();
                    } else if (line.isEmpty() && !name.isEmpty()) {
                      events.add(new String[] {id, name, data});
                      name = "";
                      data = "";
                    }
                  }
                }
              } catch (Exception closed) {
                // the test ended the stream
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static String[] received(List<String[]> events, String text) {
    return events.stream()
        .filter(e -> e[1].equals("message.received") && e[2].contains("\"" + text + "\""))
        .findFirst()
        .orElse(null);
  }

  static List<Long> found(String q) {
    return ids(inbox.admin().get("/api/inbox/conversations?limit=100&q=" + enc(q)).json());
  }

  static List<Long> ids(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.get("items").forEach(r -> ids.add(r.get("id").asLong()));
    return ids;
  }

  static long idOf(String customer) {
    return SmsPathIT.awaitRow(customer).get("id").asLong();
  }

  static JsonNode row(long id) {
    JsonNode c = inbox.admin().get("/api/inbox/conversations/" + id).json();
    return c;
  }

  static long unreadTotal() {
    return inbox.admin().get("/api/inbox/unread-count").json().get("unread").asLong();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String letters(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return b.toString();
  }

  static Set<Long> none() {
    return Set.of();
  }
}
