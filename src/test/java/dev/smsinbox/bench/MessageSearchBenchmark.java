package dev.smsinbox.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.JdbcConversationList;
import dev.smsinbox.domain.TeamFilter;
import dev.smsinbox.runtime.FlywayMigration;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Search in message text at scale (issue 21; README, "The inbox at scale"): {@code search-data}
 * fills a PostgreSQL schema with two accounts' contacts, conversations and messages of varied text
 * (2,000,000 messages by default), {@code search-queries} times the conversation list's search —
 * rare, common, accented and absent words, and a name — through the list's own adapter (the query
 * the API runs), and prints p50/p95 of each with the plan PostgreSQL chose.
 */
final class MessageSearchBenchmark {

  static final String SCHEMA = System.getProperty("bench.search.schema", "bench_team_rest");
  private static final int CONTACTS = Integer.getInteger("bench.contacts", 200_000);
  private static final int MESSAGES_PER_CONVERSATION = 5;

  /** One contact in ten belongs to the other account, whose customers write the same words. */
  private static final String OTHER_ACCOUNT = "acme";

  private static final String[] FIRST = {
    "Ann", "José", "Mia", "Liam", "Sofia", "Noah", "Emma", "Lucas", "Giulia", "Chloé", "Léa",
    "Omar", "Priya", "Mateo", "Ingrid", "Wei"
  };
  private static final String[] LAST = {
    "Lee", "García", "Rossi", "Müller", "Brown", "Kowalski", "Nakamura", "Patel", "Silva", "Dubois"
  };

  /** What customers write: some often, some rarely ({@code %s} is an order number). */
  private static final String[] INBOUND = {
    "Thanks, see you then",
    "Thanks!",
    "Ok thanks",
    "Can I change the delivery address?",
    "Is the store open on Sunday?",
    "What time do you close today?",
    "Perché il pacco non è arrivato?",
    "Où est ma commande ?",
    "I need a refund for order %s",
    "Where is order %s?",
    "The parcel was damaged, can you send a new one?",
    "Can I pay by bank transfer?",
    "Please call me back",
    "Do you ship to Canada?",
    "My discount code does not work",
    "Stop sending me ads",
    "Can I book for two people at 8pm?",
    "Is the warranty still valid after two years?",
  };

  /** What the team writes. */
  private static final String[] OUTBOUND = {
    "Hi %s, your order %s shipped",
    "Hi %s, your order %s is ready for pickup",
    "Thanks %s, we will look into it",
    "Your appointment is confirmed for tomorrow",
    "We are open every day from 9 to 18",
    "Sorry for the wait, %s: a colleague will call you",
  };

  private MessageSearchBenchmark() {}

  static void run(String step) throws Exception {
    switch (step) {
      case "search-data" -> generate();
      case "search-queries" -> queries();
      default -> throw new IllegalArgumentException(step);
    }
  }

  private static PGSimpleDataSource dataSource() {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"));
    pg.setUser(System.getProperty("bench.pg.user", "postgres"));
    pg.setCurrentSchema(SCHEMA);
    return pg;
  }

  /** The order number of a conversation: one per conversation, a rare word to search for. */
  static String order(long conversationId) {
    return "K" + Long.toString(conversationId * 7919L % 46_656_000L + 1_679_616L, 36).toUpperCase();
  }

  // ---- data ----------------------------------------------------------------------------------

  private static void generate() throws Exception {
    PGSimpleDataSource pg = dataSource();
    Flyway flyway =
        FlywayMigration.configure(pg)
            .schemas(SCHEMA)
            .createSchemas(true)
            .cleanDisabled(false)
            .load();
    flyway.clean();
    flyway.migrate();
    long start = System.nanoTime();
    Random random = new Random(42);
    Instant now = Instant.now();
    try (Connection c = pg.getConnection()) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      String searchIndex;
      try (Statement sql = c.createStatement()) {
        sql.execute(
            "insert into sender_number (id, number, country, dedicated, registered, created_at,"
                + " tenant_id) values (1, '+14155550100', 'US', true, true, now(), 'default'),"
                + " (2, '+14155550101', 'US', true, true, now(), 'default'),"
                + " (3, '+14155550200', 'US', true, true, now(), '"
                + OTHER_ACCOUNT
                + "'), (4, '+14155550201', 'US', true, true, now(), '"
                + OTHER_ACCOUNT
                + "')");
        // Loaded without the trigram index, which is then built once (as CREATE INDEX does fast).
        try (ResultSet rs =
            sql.executeQuery(
                "select indexdef from pg_indexes where schemaname = current_schema()"
                    + " and indexname = 'message_search_idx'")) {
          rs.next();
          searchIndex = rs.getString(1);
        }
        sql.execute("drop index message_search_idx");
      }
      StringBuilder contacts = new StringBuilder();
      StringBuilder conversations = new StringBuilder();
      StringBuilder messages = new StringBuilder();
      long conversationId = 0;
      long messageId = 0;
      for (int i = 1; i <= CONTACTS; i++) {
        String account = i % 10 == 0 ? OTHER_ACCOUNT : "default";
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String phone = "+1" + (2_000_000_000L + 37L * i);
        String email = key(first) + "." + key(last) + i + "@example.com";
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
            .append('\t')
            .append(account)
            .append('\n');
        for (int number = 1; number <= 2; number++) {
          conversationId++;
          Instant last0 = now.minusSeconds(random.nextInt(90 * 24 * 3600));
          long lastMessage = 0;
          for (int m = 0; m < MESSAGES_PER_CONVERSATION; m++) {
            messageId++;
            lastMessage = messageId;
            boolean inbound = m % 2 == 1;
            String text =
                inbound
                    ? String.format(INBOUND[skewed(random, INBOUND.length)], order(conversationId))
                    : String.format(
                        OUTBOUND[random.nextInt(OUTBOUND.length)], first, order(conversationId));
            Instant at = last0.minusSeconds(3600L * (MESSAGES_PER_CONVERSATION - 1 - m));
            messages
                .append(messageId)
                .append('\t')
                .append(conversationId)
                .append('\t')
                .append(inbound ? "INBOUND" : "OUTBOUND")
                .append('\t')
                .append(text)
                .append('\t')
                .append(inbound ? "RECEIVED" : "DELIVERED")
                .append('\t')
                .append("GSM7\t1\t")
                .append(at)
                .append('\t')
                .append(at)
                .append('\t')
                .append(key(text))
                .append('\n');
          }
          conversations
              .append(conversationId)
              .append('\t')
              .append(i)
              .append('\t')
              .append(account.equals("default") ? number : number + 2)
              .append('\t')
              .append(last0)
              .append('\t')
              .append(lastMessage)
              .append('\t')
              .append(0)
              .append('\t')
              .append(now)
              .append('\t')
              .append(account)
              .append('\n');
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
                  + " status_at, search_text) from stdin",
              new StringReader(messages.toString()));
          contacts.setLength(0);
          conversations.setLength(0);
          messages.setLength(0);
          System.out.printf(
              "  %,d contacts, %,d conversations, %,d messages%n", i, conversationId, messageId);
        }
      }
      try (Statement sql = c.createStatement()) {
        long indexStart = System.nanoTime();
        sql.execute("set maintenance_work_mem = '256MB'");
        sql.execute(searchIndex);
        System.out.printf(
            "  trigram index built in %.0f s%n", (System.nanoTime() - indexStart) / 1e9);
        for (String table : List.of("contact", "conversation", "message", "sender_number")) {
          sql.execute(
              "select setval(pg_get_serial_sequence('"
                  + SCHEMA
                  + "."
                  + table
                  + "', 'id'), (select max(id) from "
                  + table
                  + "))");
        }
        sql.execute("analyze");
      }
      System.out.printf(
          "Generated %,d contacts, %,d conversations, %,d messages in schema %s in %.0f s%n",
          CONTACTS, conversationId, messageId, SCHEMA, (System.nanoTime() - start) / 1e9);
    }
  }

  /** Early phrases are common, late ones rare (each two fifths as likely as the one before). */
  private static int skewed(Random random, int n) {
    int i = 0;
    while (i < n - 1 && random.nextInt(5) < 2) {
      i++;
    }
    return i;
  }

  private static String key(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT);
  }

  // ---- queries -------------------------------------------------------------------------------

  private static void queries() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setDataSource(dataSource());
    config.setMaximumPoolSize(4);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      JdbcUnitOfWork unitOfWork = new JdbcUnitOfWork(pool);
      JdbcConversationList list = new JdbcConversationList(unitOfWork);
      System.out.printf(
          "%-46s %7s %7s %6s   (ms, the list's query through its adapter)%n",
          "search in account 'default'", "p50", "p95", "rows");
      time(unitOfWork, list, "an order number (one conversation)", order(123_457));
      time(unitOfWork, list, "a rare phrase 'bank transfer' (21 messages)", "bank transfer");
      time(unitOfWork, list, "a common word 'thanks' (948,775)", "thanks");
      time(unitOfWork, list, "accents ignored 'perche il pacco' (2,008)", "perche il pacco");
      time(unitOfWork, list, "a word no message has 'xylophone'", "xylophone");
      time(unitOfWork, list, "a name and text 'kowal'", "kowal");
    }
  }

  private static void time(
      JdbcUnitOfWork unitOfWork, JdbcConversationList list, String what, String q) {
    TeamFilter all = new TeamFilter(null, null, false, Instant.now());
    int rows = 0;
    for (int i = 0; i < 20; i++) {
      rows = unitOfWork.inTransaction(() -> list.page("default", q, false, all, null, 30)).size();
    }
    int n = 200;
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      unitOfWork.inTransaction(() -> list.page("default", q, false, all, null, 30));
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf("%-46s %7.1f %7.1f %6d%n", what, ms[n / 2], ms[(int) (n * 0.95)], rows);
  }
}
