package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deleting a contact erases their texts and number from the whole database (issue 17, personal
 * data), not only from their conversations: the customer's texts reach a conversation (with an
 * internal note, a reply kept for an Idempotency-Key, an integrator's hook answer and a dead letter
 * of the failing route), an SMS to a number that takes no conversation (unfiled for the admins) and
 * one the database refuses to file (waiting in the inbound journal). After DELETE
 * /api/contacts/{id} every text column of every table is read: the texts appear nowhere, the number
 * only in the (restorable) contact row. The same customer's texts to another account stay there,
 * untouched.
 */
class ErasureIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  static final HostCrmTokens CRM = HostCrmTokens.ofTheTestServers();
  static final Duration PATIENCE = Duration.ofSeconds(30);

  @Test
  void aDeletedContactsTextsAndNumberAppearNowhereInTheDatabaseAndOtherAccountsKeepTheirs()
      throws Exception {
    Assumptions.assumeTrue(
        "postgresql".equals(System.getProperty("it.db.label")),
        "reads every table: needs a database the test can reach beside the server (PostgreSQL)");
    String run = UUID.randomUUID().toString().substring(0, 8);
    String erased = "ERASE-" + run; // every text of the deleted contact carries it
    String kept = "KEEP-" + run; // every text of the same customer to another account
    String customer = FreshNumbers.us();
    String digits = customer.substring(1);
    InboxClient admin = inbox.admin();

    // Another account with its own two-way and one-way numbers, texted by the same customer.
    InboxClient other = InboxClient.bearer(CRM.admin().set("account", "it-erasure-" + run).sign());
    String otherNumber = FreshNumbers.us();
    String otherOneWay = FreshNumbers.us();
    assertThat(other.post("/api/numbers", InboxClient.twoWayNumber(otherNumber)).status())
        .isEqualTo(201);
    assertThat(other.post("/api/numbers", oneWayNumber(otherOneWay)).status()).isEqualTo(201);
    String oneWay = FreshNumbers.us();
    assertThat(admin.post("/api/numbers", oneWayNumber(oneWay)).status()).isEqualTo(201);

    // Into the conversation: the failing route dead-letters it, the inbound hook tags it.
    assertThat(inbox.deliver(customer, "FAIL-ME TAG-ME " + erased + " in the thread")).isZero();
    assertThat(inbox.smsc().deliver(customer, oneWay, erased + " to a one-way number")).isZero();
    assertThat(inbox.smsc().deliver(customer, otherNumber, "FAIL-ME TAG-ME " + kept)).isZero();
    assertThat(inbox.smsc().deliver(customer, otherOneWay, kept + " one-way")).isZero();

    JsonNode row = SmsPathIT.awaitRow(customer);
    long conversationId = row.get("id").asLong();
    long contactId = row.get("contact").get("id").asLong();
    String conversation = "/api/inbox/conversations/" + conversationId;
    long received = admin.get(conversation).json().get("messages").get(0).get("id").asLong();
    assertThat(admin.post(conversation + "/notes", Map.of("text", erased + " noted")).status())
        .isEqualTo(201);
    var reply =
        admin.post(
            conversation + "/messages",
            Map.of("text", erased + " replied"),
            Map.of("Idempotency-Key", "erasure-" + run));
    assertThat(reply.status()).isEqualTo(202);
    await("the failing route's dead letter of the text")
        .atMost(PATIENCE)
        .until(() -> deadLetterWith(erased), Objects::nonNull);
    await("the inbound hook's answer about the text")
        .atMost(PATIENCE)
        .until(
            () -> admin.get("/api/integrations/hook-answers/" + received).json(),
            answers -> answers.size() > 0);
    await("the one-way number's SMS is unrouted")
        .atMost(PATIENCE)
        .until(() -> admin.get("/api/inbox/unrouted?limit=100").body(), b -> b.contains(erased));

    String dbUrl = System.getProperty("it.db.url");
    String dbUser = System.getProperty("it.db.user");
    String refused = "UNFILED-" + run;
    try (Connection db = DriverManager.getConnection(dbUrl, dbUser, "");
        Statement sql = db.createStatement()) {
      // One more text the database refuses to file: it waits in the inbound journal.
      sql.execute(
          "alter table message add constraint it_erasure_"
              + run.replace('-', '_')
              + " check (body not like '"
              + refused
              + "%') not valid");
      try {
        assertThat(inbox.deliver(customer, refused + " " + erased + " unfiled")).isZero();
        await("the refused SMS waits in the journal")
            .atMost(PATIENCE)
            .until(() -> admin.get("/api/inbox/unfiled?limit=100").body(), b -> b.contains(erased));

        // The other account's text is dead-lettered too, in its own time: wait for it before
        // taking the "before" picture, or it lands between the two and looks like a change.
        await("the failing route's dead letter of the other account's text")
            .atMost(PATIENCE)
            .until(() -> rowsWith(db, kept).containsKey("integrator_dead_letter"));
        Map<String, Integer> keptBefore = rowsWith(db, kept);
        assertThat(rowsWith(db, erased))
            .as("where the deleted contact's texts were")
            .containsKeys(
                "message",
                "conversation_note",
                "inbox_event",
                "integrator_dead_letter",
                "unrouted_sms",
                "inbound_journal",
                "idempotency_key");
        assertThat(hookAnswersOf(db, received)).isPositive();

        assertThat(admin.delete("/api/contacts/" + contactId).status()).isEqualTo(204);

        assertThat(rowsWith(db, erased)).as("the deleted contact's texts, anywhere").isEmpty();
        Map<String, Integer> number = rowsWith(db, digits);
        number.remove("contact"); // kept, without its history, so it can be restored
        Map<String, Integer> numberWithOthersText = rowsWith(db, digits, kept);
        assertThat(number)
            .as("rows with the number, outside contacts: only the other account's")
            .isEqualTo(numberWithOthersText);
        assertThat(hookAnswersOf(db, received)).as("hook answers about its texts").isZero();
        assertThat(rowsWith(db, kept)).as("the other account's copy").isEqualTo(keptBefore);
        assertThat(keptBefore)
            .containsKeys("message", "unrouted_sms", "inbox_event", "integrator_dead_letter");
      } finally {
        sql.execute("alter table message drop constraint it_erasure_" + run.replace('-', '_'));
      }
    }

    // What the person sees: the conversation is gone, a retry of the kept request says so
    // without the text, the audit says a deletion happened and nothing of what was said.
    assertThat(admin.get(conversation).status()).isEqualTo(404);
    var retried =
        admin.post(
            conversation + "/messages",
            Map.of("text", erased + " replied"),
            Map.of("Idempotency-Key", "erasure-" + run));
    assertThat(retried.status()).isEqualTo(410);
    assertThat(retried.body()).doesNotContain(erased).doesNotContain(digits);
    assertThat(admin.get("/api/audit").body()).doesNotContain(erased);
  }

  private static Map<String, Object> oneWayNumber(String number) {
    return Map.of("number", number, "country", "US", "dedicated", false, "registered", false);
  }

  private static JsonNode deadLetterWith(String text) {
    for (JsonNode letter :
        inbox.admin().get("/api/integrations/dead-letters?route=it-failing").json()) {
      if (letter.get("payload").asText().contains(text)) {
        return letter;
      }
    }
    return null;
  }

  private static int hookAnswersOf(Connection db, long messageId) throws SQLException {
    try (Statement sql = db.createStatement();
        ResultSet rs =
            sql.executeQuery(
                "select count(*) from integrator_hook_answer where message_id = " + messageId)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * How many rows of each table of the schema hold all of {@code needles} in their text columns
   * taken together (tables without any such row left out).
   */
  private static Map<String, Integer> rowsWith(Connection db, String... needles)
      throws SQLException {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    try (Statement sql = db.createStatement();
        ResultSet rs =
            sql.executeQuery(
                "select table_name, column_name from information_schema.columns"
                    + " where table_schema = current_schema()"
                    + " and data_type in ('character varying', 'text', 'character')"
                    + " order by table_name, column_name")) {
      while (rs.next()) {
        columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    assertThat(columns).as("tables with text columns").containsKeys("message", "inbox_event");
    Map<String, Integer> found = new LinkedHashMap<>();
    for (var table : columns.entrySet()) {
      String row = "concat_ws(' ', " + String.join(", ", table.getValue()) + ")";
      List<String> where = new ArrayList<>();
      for (String needle : needles) {
        where.add("strpos(" + row + ", '" + needle + "') > 0");
      }
      try (Statement sql = db.createStatement();
          ResultSet rs =
              sql.executeQuery(
                  "select count(*) from \""
                      + table.getKey()
                      + "\" where "
                      + String.join(" and ", where))) {
        rs.next();
        if (rs.getInt(1) > 0) {
          found.put(table.getKey(), rs.getInt(1));
        }
      }
    }
    return found;
  }
}
