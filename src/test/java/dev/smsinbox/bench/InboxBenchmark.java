package dev.smsinbox.bench;

import dev.smsinbox.runtime.FlywayMigration;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The inbox at scale, in two steps (README, "Performance"): {@code inbox-data} fills a PostgreSQL
 * schema with 200,000 contacts, 400,000 conversations and 2,000,000 messages; {@code inbox-queries}
 * times the list, paging, unread and search requests through the REST API of a server started on
 * that schema, and prints p50/p95 of each.
 */
final class InboxBenchmark {

  static final String SCHEMA = System.getProperty("bench.schema", "inbox_bench");
  private static final int CONTACTS = Integer.getInteger("bench.contacts", 200_000);
  private static final int MESSAGES_PER_CONVERSATION = 5;
  private static final String[] FIRST = {
    "Ann",
    "José",
    "Mia",
    "Liam",
    "Sofia",
    "Noah",
    "Emma",
    "Lucas",
    "Olivia",
    "Ethan",
    "Ava",
    "Mason",
    "Isabella",
    "Logan",
    "Amelia",
    "Elijah",
    "Harper",
    "James",
    "Zoë",
    "Benjamin",
    "Marta",
    "Giulia",
    "Luca",
    "Chloé",
    "Hugo",
    "Léa",
    "Omar",
    "Fatima",
    "Yuki",
    "Kenji",
    "Priya",
    "Arjun",
    "Mateo",
    "Valentina",
    "Noor",
    "Ingrid",
    "Sven",
    "Aisha",
    "Chen",
    "Wei"
  };
  private static final String[] LAST = {
    "Lee",
    "García",
    "Chen",
    "O'Brien",
    "Rossi",
    "Smith",
    "Johnson",
    "Müller",
    "Brown",
    "Davis",
    "Wilson",
    "Taylor",
    "Anderson",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "White",
    "Harris",
    "Clark",
    "Bianchi",
    "Dubois",
    "Novak",
    "Kowalski",
    "Nakamura",
    "Patel",
    "Khan",
    "Silva",
    "Santos",
    "Ivanova",
    "Larsen",
    "Jensen",
    "Haddad",
    "Costa",
    "Ferreira",
    "Romano",
    "Weber",
    "Schmidt",
    "Fischer",
    "Moreau"
  };

  private InboxBenchmark() {}

  static void run(String step) throws Exception {
    switch (step) {
      case "inbox-data" -> generate();
      case "inbox-queries" -> queries(System.getProperty("bench.url", "http://localhost:9080"));
      case "report-queries" -> reports(System.getProperty("bench.url", "http://localhost:9080"));
      default -> throw new IllegalArgumentException(step);
    }
  }

  // ---- data ----------------------------------------------------------------------------------

  private static void generate() throws Exception {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"));
    pg.setUser(System.getProperty("bench.pg.user", "postgres"));
    pg.setCurrentSchema(SCHEMA);
    Flyway flyway =
        FlywayMigration.configure(pg)
            .schemas(SCHEMA)
            .createSchemas(true)
            .cleanDisabled(false)
            .load();
    flyway.clean();
    // The schema as it was before the reports (V28): the data goes in first, and V28_1's backfill
    // then builds the reports' tally from it, as an upgrade of a live inbox would.
    org.flywaydb.core.api.MigrationVersion reports =
        org.flywaydb.core.api.MigrationVersion.fromVersion("28");
    org.flywaydb.core.api.MigrationVersion before =
        Arrays.stream(flyway.info().all())
            .map(org.flywaydb.core.api.MigrationInfo::getVersion)
            .filter(v -> v != null && v.compareTo(reports) < 0)
            .max(Comparable::compareTo)
            .orElseThrow();
    FlywayMigration.configure(pg).schemas(SCHEMA).target(before).load().migrate();
    long start = System.nanoTime();
    Random random = new Random(42);
    Instant now = Instant.now();
    try (Connection c = pg.getConnection()) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      try (Statement sql = c.createStatement()) {
        sql.execute(
            "insert into sender_number (id, number, country, dedicated, registered, created_at,"
                + " tenant_id) values (1, '+14155550100', 'US', true, true, now(), 'default'),"
                + " (2, '+14155550101', 'US', true, true, now(), 'default')");
      }
      StringBuilder contacts = new StringBuilder();
      StringBuilder conversations = new StringBuilder();
      StringBuilder messages = new StringBuilder();
      long conversationId = 0;
      long messageId = 0;
      long unreadTotal = 0;
      for (int i = 1; i <= CONTACTS; i++) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String phone = "+1" + (2_000_000_000L + 37L * i);
        String email = key(first) + "." + key(last).replace("'", "") + i + "@example.com";
        contacts
            .append(i)
            .append('\t')
            .append(first)
            .append('\t')
            .append(last)
            .append('\t')
            .append(phone)
            .append('\t')
            .append(email)
            .append('\t')
            .append(now)
            .append('\t')
            .append(key(first))
            .append('\t')
            .append(key(last))
            .append('\t')
            .append(email)
            .append('\t')
            .append(new StringBuilder(phone.substring(1)).reverse())
            .append("\tdefault\n");
        for (int number = 1; number <= 2; number++) {
          conversationId++;
          Instant last0 = now.minusSeconds(random.nextInt(90 * 24 * 3600));
          int unread = random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0;
          unreadTotal += unread;
          long lastMessage = 0;
          for (int m = 0; m < MESSAGES_PER_CONVERSATION; m++) {
            messageId++;
            lastMessage = messageId;
            boolean inbound = m % 2 == 1;
            Instant at = last0.minusSeconds(3600L * (MESSAGES_PER_CONVERSATION - 1 - m));
            // A campaign SMS opens each conversation; the customer answers, an admin replies,
            // and so on: replies, attribution and first responses for the reports to count.
            String origin =
                inbound
                    ? "\\N\t\\N\t\\N"
                    : m == 0 ? "CAMPAIGN\tspring-" + (number) + "\tSpring sale" : "INBOX\t\\N\t\\N";
            String sentBy = !inbound && m > 0 ? "admin\tadmin" : "\\N\t\\N";
            messages
                .append(messageId)
                .append('\t')
                .append(conversationId)
                .append('\t')
                .append(inbound ? "INBOUND" : "OUTBOUND")
                .append('\t')
                .append(inbound ? "Thanks, see you then" : "Hi " + first + ", your order shipped")
                .append('\t')
                .append(inbound ? "RECEIVED" : "DELIVERED")
                .append('\t')
                .append("GSM7\t1\t")
                .append(at)
                .append('\t')
                .append(at)
                .append('\t')
                .append(origin)
                .append('\t')
                .append(sentBy)
                .append('\t')
                .append(inbound ? String.valueOf(messageId - 1) : "\\N")
                .append('\n');
          }
          conversations
              .append(conversationId)
              .append('\t')
              .append(i)
              .append('\t')
              .append(number)
              .append('\t')
              .append(last0)
              .append('\t')
              .append(lastMessage)
              .append('\t')
              .append(unread)
              .append('\t')
              .append(now)
              .append("\tdefault\n");
        }
        if (i % 20_000 == 0 || i == CONTACTS) {
          copy.copyIn(
              "copy contact (id, first_name, last_name, phone, email, created_at, search_first,"
                  + " search_last, search_email, phone_reversed, tenant_id) from stdin",
              new StringReader(contacts.toString()));
          copy.copyIn(
              "copy conversation (id, contact_id, sender_number_id, last_activity_at,"
                  + " last_message_id, unread_count, created_at, tenant_id) from stdin",
              new StringReader(conversations.toString()));
          copy.copyIn(
              "copy message (id, conversation_id, direction, body, status, encoding, segments, at,"
                  + " status_at, origin_type, origin_id, origin_name, sent_by_id, sent_by_name,"
                  + " in_reply_to_id) from stdin",
              new StringReader(messages.toString()));
          contacts.setLength(0);
          conversations.setLength(0);
          messages.setLength(0);
          System.out.printf(
              "  %,d contacts, %,d conversations, %,d messages%n", i, conversationId, messageId);
        }
      }
      try (Statement sql = c.createStatement()) {
        for (String table : List.of("contact", "conversation", "message", "sender_number")) {
          sql.execute(
              "select setval(pg_get_serial_sequence('"
                  + SCHEMA
                  + "."
                  + table
                  + "', 'id'),"
                  + " (select max(id) from "
                  + table
                  + "))");
        }
      }
      long copied = System.nanoTime();
      flyway.migrate();
      try (Statement sql = c.createStatement()) {
        sql.execute("analyze");
      }
      System.out.printf(
          "V28_1 built the reports' tally of that history in %.0f s%n",
          (System.nanoTime() - copied) / 1e9);
      System.out.printf(
          "Generated %,d contacts, %,d conversations, %,d messages in schema %s in %.0f s%n",
          CONTACTS, conversationId, messageId, SCHEMA, (System.nanoTime() - start) / 1e9);
    }
  }

  private static String key(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT);
  }

  // ---- queries -------------------------------------------------------------------------------

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String AUTH =
      "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
  private static final Pattern CURSOR = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");

  private static void queries(String base) throws Exception {
    String deepCursor = null;
    String page = get(base, "/api/inbox/conversations?limit=50");
    for (int i = 0; i < 100; i++) {
      Matcher m = CURSOR.matcher(page);
      m.find();
      deepCursor = m.group(1);
      page = get(base, "/api/inbox/conversations?limit=50&cursor=" + deepCursor);
    }
    System.out.printf("%-34s %9s %9s   (ms, through the REST API)%n", "request", "p50", "p95");
    time(base, "list, first page", "/api/inbox/conversations?limit=30");
    time(
        base,
        "list, page after 5,000 rows",
        "/api/inbox/conversations?limit=30&cursor=" + deepCursor);
    time(base, "list, unread only", "/api/inbox/conversations?limit=30&unread=true");
    time(base, "search, first name 'isab'", "/api/inbox/conversations?limit=30&q=isab");
    time(base, "search, last name 'kowal'", "/api/inbox/conversations?limit=30&q=kowal");
    time(
        base, "search, email 'olivia.weber1'", "/api/inbox/conversations?limit=30&q=olivia.weber1");
    time(
        base,
        "search, phone ending '000-37'",
        "/api/inbox/conversations?limit=30&q=" + enc("000-37"));
    time(base, "unread total", "/api/inbox/unread-count");
    reports(base);
  }

  /** The reports' requests alone (issue 25): 30 days, 30 days of one number, 366 days. */
  private static void reports(String base) throws Exception {
    // The machine may be shared: the load average says how much else ran beside the requests.
    System.out.println("load average before: " + loadAverage());
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    time(base, "report, 30 days", "/api/reports?from=" + today.minusDays(29) + "&to=" + today);
    time(
        base,
        "report, 30 days, one number",
        "/api/reports?from="
            + today.minusDays(29)
            + "&to="
            + today
            + "&number="
            + enc("+14155550100"));
    time(base, "report, 366 days", "/api/reports?from=" + today.minusDays(365) + "&to=" + today);
    System.out.println("load average after: " + loadAverage());
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static void time(String base, String what, String path) throws Exception {
    for (int i = 0; i < 30; i++) {
      get(base, path);
    }
    int n = 300;
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      get(base, path);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf("%-34s %9.1f %9.1f%n", what, ms[n / 2], ms[(int) (n * 0.95)]);
  }

  private static String get(String base, String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", AUTH).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
