package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.Conversation;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.InReplyTo;
import dev.smsinbox.domain.SenderNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public class JdbcConversationRepository implements ConversationRepository {

  private final JdbcUnitOfWork unitOfWork;
  private final Sql sql;
  private final JdbcMessageRepository messages;

  public JdbcConversationRepository(JdbcUnitOfWork unitOfWork, JdbcMessageRepository messages) {
    this.unitOfWork = unitOfWork;
    this.sql = new Sql(unitOfWork);
    this.messages = messages;
  }

  @Override
  public long findOrCreate(long contactId, long senderNumberId, Instant at) {
    return existing(contactId, senderNumberId)
        .orElseGet(() -> createAll(senderNumberId, List.of(contactId), at).get(contactId));
  }

  @Override
  public Map<String, Party> findParties(long senderNumberId, Collection<String> e164s) {
    if (e164s.isEmpty()) {
      return Map.of();
    }
    record Row(Contact contact, Long conversationId, Long attributableId) {}
    // PostgreSQL: one probe of conversation's unique key a customer, as a lateral join whose limit
    // keeps the planner from flattening it into a plain join (as one, a young inbox's small tables
    // were hash-joined, scanning every conversation once per batch of inbound SMS; as a subquery
    // for each column, each conversation was probed twice). H2 has no lateral joins and probes the
    // key for a plain one.
    String conversation =
        unitOfWork.postgres()
            ? " left join lateral (select c.id, c.attributable_message_id from conversation c"
                + " where c.contact_id = ct.id and c.sender_number_id = ? limit 1) c on true"
            : " left join conversation c on c.contact_id = ct.id and c.sender_number_id = ?";
    List<Row> rows =
        sql.plannedForTodaysSizes(
            () ->
                sql.query(
                    "select "
                        + JdbcContactRepository.COLUMNS
                        + ", c.id as c_id, c.attributable_message_id as a_id from contact ct"
                        + conversation
                        + " where ct.phone = any(?) and ct.tenant_id ="
                        + " (select s.tenant_id from sender_number s where s.id = ?)",
                    rs ->
                        new Row(
                            JdbcContactRepository.map(rs),
                            Sql.nullableLong(rs, "c_id"),
                            Sql.nullableLong(rs, "a_id")),
                    senderNumberId,
                    sql.array("varchar", e164s),
                    senderNumberId));
    Map<Long, InReplyTo> attributable = attributable(rows.stream().map(Row::attributableId));
    Map<String, Party> found = new HashMap<>();
    for (Row row : rows) {
      found.put(
          row.contact().phone(),
          new Party(
              row.contact(),
              row.conversationId(),
              row.attributableId() == null ? null : attributable.get(row.attributableId())));
    }
    return found;
  }

  /** The campaign or automated SMS that replies would answer, by id. */
  private Map<Long, InReplyTo> attributable(Stream<Long> ids) {
    Set<Long> wanted = ids.filter(Objects::nonNull).collect(Collectors.toSet());
    if (wanted.isEmpty()) {
      return Map.of();
    }
    Sql.InList in = Sql.in(wanted);
    Map<Long, InReplyTo> found = new HashMap<>();
    sql.query(
        "select r.id as r_id, r.origin_type as r_origin_type, r.origin_id as r_origin_id,"
            + " r.origin_name as r_origin_name, r.at as r_at from message r where r.id in ("
            + in.placeholders()
            + ")",
        rs -> {
          InReplyTo r = JdbcMessageRepository.inReplyTo(rs);
          return found.put(r.id(), r);
        },
        in.values().toArray());
    return found;
  }

  @Override
  public Map<Long, Long> createAll(long senderNumberId, List<Long> contactIds, Instant at) {
    if (contactIds.isEmpty()) {
      return Map.of();
    }
    // A deleted contact has no conversations left: a new one means they are back.
    Sql.InList contacts = Sql.in(contactIds);
    sql.update(
        "update contact set deleted_at = null where id in ("
            + contacts.placeholders()
            + ") and deleted_at is not null",
        contacts.values().toArray());
    long[] ids =
        sql.insertAll(
            "insert into conversation (tenant_id, contact_id, sender_number_id,"
                + " last_activity_at, created_at)"
                + " values ((select tenant_id from sender_number where id = ?), ?, ?, ?, ?)",
            contactIds.stream()
                .map(id -> new Object[] {senderNumberId, id, senderNumberId, at, at})
                .toList());
    Map<Long, Long> created = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      created.put(contactIds.get(i), ids[i]);
    }
    return created;
  }

  private Optional<Long> existing(long contactId, long senderNumberId) {
    return sql.one(
        "select id from conversation where contact_id = ? and sender_number_id = ?",
        rs -> rs.getLong(1),
        contactId,
        senderNumberId);
  }

  @Override
  public Optional<Conversation> find(long id) {
    return findHeader(id)
        .map(
            c ->
                new Conversation(
                    c.id(),
                    c.contact(),
                    c.senderNumber(),
                    c.unreadCount(),
                    c.lastActivityAt(),
                    messages.ofConversation(c.id())));
  }

  @Override
  public Optional<Conversation> findHeader(long id) {
    return sql.one(
        "select c.id as c_id, c.unread_count, c.last_activity_at, "
            + JdbcContactRepository.COLUMNS
            + ", s.id as s_id, s.tenant_id as s_tenant, s.number, s.country, s.dedicated,"
            + " s.registered"
            + " from conversation c join contact ct on ct.id = c.contact_id"
            + " join sender_number s on s.id = c.sender_number_id where c.id = ?",
        rs ->
            new Conversation(
                rs.getLong("c_id"),
                JdbcContactRepository.map(rs),
                new SenderNumber(
                    rs.getLong("s_id"),
                    rs.getString("s_tenant"),
                    rs.getString("number"),
                    rs.getString("country"),
                    rs.getBoolean("dedicated"),
                    rs.getBoolean("registered")),
                rs.getInt("unread_count"),
                Sql.instant(rs, "last_activity_at"),
                List.of()),
        id);
  }

  @Override
  public void recordAttributable(long conversationId, long messageId) {
    sql.update(
        "update conversation set attributable_message_id = ? where id = ?",
        messageId,
        conversationId);
  }

  @Override
  public void recordActivity(List<Activity> activities) {
    // In id order, as every transaction takes these row locks, so two batches never deadlock.
    List<Activity> byId =
        activities.stream().sorted(Comparator.comparingLong(Activity::conversationId)).toList();
    if (unitOfWork.postgres()) {
      recordAsArrays(byId);
      return;
    }
    List<Object[]> rows = new ArrayList<>(byId.size());
    for (Activity a : byId) {
      rows.add(
          new Object[] {
            a.at(),
            a.lastMessageId(),
            a.at(),
            a.at(),
            a.unread(),
            a.unread(),
            a.unread(),
            a.waitingSince(),
            a.conversationId()
          });
    }
    // Never backwards: an SMS filed late (tried again after a failure) must not make its
    // conversation look older than it is or show an older message as the latest.
    sql.batch(
        "update conversation set"
            + " last_message_id = case when last_activity_at is null or last_activity_at <= ?"
            + " then ? else last_message_id end,"
            + " last_activity_at = case when last_activity_at is null or last_activity_at <= ?"
            + " then ? else last_activity_at end,"
            + " unread_count = unread_count + ?,"
            // A customer's new message (the only activity that is unread) reopens the thread.
            + " status = case when ? > 0 then 'OPEN' else status end,"
            + " snoozed_until = case when ? > 0 then null else snoozed_until end,"
            // In this update rather than one of its own: each row version of a conversation costs
            // an entry in each of its indexes, and a busy link updates thousands a second.
            + " awaiting_since = coalesce(awaiting_since, ?)"
            + " where id = ?",
        rows);
  }

  /**
   * PostgreSQL: the same update for a whole filing batch as one statement over arrays (a batch of
   * single updates was planned and executed once a conversation). The rows come in id order and,
   * joined a row at a time through the primary key, are locked in it.
   */
  private void recordAsArrays(List<Activity> byId) {
    List<Long> ids = new ArrayList<>(byId.size());
    List<Long> lastMessage = new ArrayList<>(byId.size());
    List<String> at = new ArrayList<>(byId.size());
    List<Integer> unread = new ArrayList<>(byId.size());
    List<String> waitingSince = new ArrayList<>(byId.size());
    for (Activity a : byId) {
      ids.add(a.conversationId());
      lastMessage.add(a.lastMessageId());
      at.add(Sql.utc(a.at()).toString());
      unread.add(a.unread());
      waitingSince.add(a.waitingSince() == null ? null : Sql.utc(a.waitingSince()).toString());
    }
    sql.update(
        "update conversation c set"
            + " last_message_id = case when c.last_activity_at is null or c.last_activity_at <="
            + " u.a then u.m else c.last_message_id end,"
            + " last_activity_at = case when c.last_activity_at is null or c.last_activity_at <="
            + " u.a then u.a else c.last_activity_at end,"
            + " unread_count = c.unread_count + u.r,"
            + " status = case when u.r > 0 then 'OPEN' else c.status end,"
            + " snoozed_until = case when u.r > 0 then null else c.snoozed_until end,"
            + " awaiting_since = coalesce(c.awaiting_since, u.w)"
            + " from unnest(?::int8[], ?::int8[], ?::timestamptz[], ?::int4[], ?::timestamptz[])"
            + " as u(id, m, a, r, w) where c.id = u.id",
        sql.array("int8", ids),
        sql.array("int8", lastMessage),
        sql.array("timestamptz", at),
        sql.array("int4", unread),
        sql.array("timestamptz", waitingSince));
  }

  @Override
  public boolean setUnread(long conversationId, boolean unread) {
    Optional<Integer> before =
        sql.one(
            "select unread_count from conversation where id = ? for update",
            rs -> rs.getInt(1),
            conversationId);
    if (before.isEmpty()) {
      return false;
    }
    // Marking unread flags the thread with at least one unread message, as mail clients do.
    int after = unread ? Math.max(1, before.get()) : 0;
    if (after != before.get()) {
      sql.update("update conversation set unread_count = ? where id = ?", after, conversationId);
    }
    return true;
  }

  @Override
  public int unreadCount(long conversationId) {
    return sql.one(
            "select unread_count from conversation where id = ?",
            rs -> rs.getInt(1),
            conversationId)
        .orElse(0);
  }

  @Override
  public List<Long> deleteOfContact(long contactId) {
    List<long[]> doomed =
        sql.query(
            // Locked first, in id order as inbound batches lock them: a message arriving meanwhile
            // cannot add an unread the counter would keep after the conversation is gone.
            "select id, unread_count from conversation where contact_id = ? order by id for update",
            rs -> new long[] {rs.getLong(1), rs.getLong(2)},
            contactId);
    for (long[] c : doomed) {
      sql.update("delete from inbox_event where conversation_id = ?", c[0]);
      // Messages, their parts and the thread itself go with the conversation (on delete cascade).
      sql.update("delete from conversation where id = ?", c[0]);
    }
    return doomed.stream().map(c -> c[0]).toList();
  }
}
