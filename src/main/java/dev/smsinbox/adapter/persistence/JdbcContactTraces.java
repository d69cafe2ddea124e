package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.application.port.ContactTraces;
import java.util.ArrayList;
import java.util.List;

/**
 * Erases a deleted contact's phone number and texts from every table that copies them (see {@link
 * ContactTraces}). Events and dead letters keep their payload as JSON text that starts with the
 * account ({@code {"accountId":"acme",...}}, see JdbcInboxEvents), so they are found by the ids and
 * the number inside it; the journal, parts and unfiled SMS by sender and one of the account's
 * numbers. Runs after the contact's conversations are locked and deleted, in that transaction, so a
 * filing under way either finished before (and is erased here) or waits and finds no contact.
 */
public class JdbcContactTraces implements ContactTraces {

  /**
   * What a retry with the key of a request whose answer named the contact gets instead of it: the
   * key still sends nothing twice, and the answer no longer holds the number or the text.
   */
  static final String ERASED_ANSWER =
      "{\"type\":\"about:blank\",\"title\":\"Gone\",\"status\":410,\"detail\":\"The answer to"
          + " this request named a contact since deleted, and was erased with the contact's SMS"
          + " history. Nothing was sent again.\"}";

  /** Numbers of the account, in the form a table keeps them (E.164, or as the carrier wrote). */
  private static final String ACCOUNT_NUMBER =
      "(%1$s in (select s.number from sender_number s where s.tenant_id = ?)"
          + " or '+' || %1$s in (select s.number from sender_number s where s.tenant_id = ?))";

  private final Sql sql;

  public JdbcContactTraces(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public List<Long> messagesOf(long contactId) {
    return sql.query(
        "select m.id from message m join conversation c on c.id = m.conversation_id"
            + " where c.contact_id = ?",
        rs -> rs.getLong(1),
        contactId);
  }

  @Override
  public Erased erase(
      String accountId,
      long contactId,
      String phone,
      List<Long> conversationIds,
      List<Long> messageIds) {
    String bare = phone.startsWith("+") ? phone.substring(1) : phone;
    List<String> mentions = mentions(contactId, phone, conversationIds);

    String eventsOf = "tenant_id = ? and (" + anyLike("payload", mentions.size()) + ")";
    int events = sql.update("delete from inbox_event where " + eventsOf, with(accountId, mentions));

    String accountPrefix = "{\"accountId\":\"" + Sql.likeLiteral(accountId) + "\"%";
    int deadLetters =
        sql.update(
            "delete from integrator_dead_letter where payload like ? and ("
                + anyLike("payload", mentions.size())
                + ")",
            with(accountPrefix, mentions));

    int hookAnswers = 0;
    for (Long messageId : messageIds) {
      hookAnswers +=
          sql.update("delete from integrator_hook_answer where message_id = ?", messageId);
    }

    int journal =
        sql.update(
            "delete from inbound_journal where source_number in (?, ?) and "
                + ACCOUNT_NUMBER.formatted("dest_number"),
            phone,
            bare,
            accountId,
            accountId);
    int parts =
        sql.update(
            "delete from inbound_part where source_number in (?, ?) and "
                + ACCOUNT_NUMBER.formatted("dest_number"),
            phone,
            bare,
            accountId,
            accountId);
    int unrouted =
        sql.update(
            "delete from unrouted_sms where source_number in (?, ?) and "
                + ACCOUNT_NUMBER.formatted("dest_number"),
            phone,
            bare,
            accountId,
            accountId);

    // Answers kept for retries with the same Idempotency-Key (24 hours): the caller column starts
    // with the account ("acme/<person>").
    String callerOfAccount = Sql.likeLiteral(accountId) + "/%";
    List<Object> itemParams = new ArrayList<>();
    itemParams.add(callerOfAccount);
    itemParams.addAll(mentions);
    sql.update(
        "delete from idempotency_key_item where key_id in (select k.id from idempotency_key k"
            + " where k.caller like ?) and ("
            + anyLike("outcome", mentions.size())
            + ")",
        itemParams.toArray());
    List<Object> answerParams = new ArrayList<>();
    answerParams.add(ERASED_ANSWER);
    answerParams.add(callerOfAccount);
    answerParams.addAll(mentions);
    int answers =
        sql.update(
            "update idempotency_key set answer_status = 410, answer_body = ?"
                + " where caller like ? and answer_body is not null and ("
                + anyLike("answer_body", mentions.size())
                + ")",
            answerParams.toArray());
    return new Erased(events, deadLetters, hookAnswers, journal, parts, unrouted, answers);
  }

  /**
   * LIKE patterns of a JSON text that names the contact: its number, its id, one of its
   * conversations (a number in JSON ends with , or } or ]).
   */
  private static List<String> mentions(long contactId, String phone, List<Long> conversationIds) {
    List<String> patterns = new ArrayList<>();
    patterns.add("%\"" + Sql.likeLiteral(phone) + "\"%");
    idPatterns(patterns, "contactId", contactId);
    for (long conversationId : conversationIds) {
      idPatterns(patterns, "conversationId", conversationId);
    }
    return patterns;
  }

  private static void idPatterns(List<String> patterns, String name, long id) {
    for (String end : List.of(",", "}", "]")) {
      patterns.add("%\"" + name + "\":" + id + end + "%");
    }
  }

  private static String anyLike(String column, int count) {
    List<String> likes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      likes.add(column + " like ?");
    }
    return String.join(" or ", likes);
  }

  private static Object[] with(String first, List<String> rest) {
    List<Object> params = new ArrayList<>(rest.size() + 1);
    params.add(first);
    params.addAll(rest);
    return params.toArray();
  }
}
