package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.adapter.jdbc.StorageFailure;
import dev.smsinbox.domain.Actor;
import dev.smsinbox.domain.Direction;
import dev.smsinbox.domain.InReplyTo;
import dev.smsinbox.domain.KeywordEvent;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageRepository;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.NewInboundMessage;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.domain.OriginType;
import dev.smsinbox.domain.OutboundPart;
import dev.smsinbox.domain.PartLedger;
import dev.smsinbox.domain.QueuedMessage;
import dev.smsinbox.domain.UnreadableText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

public class JdbcMessageRepository implements MessageRepository {

  /** A message with the campaign or automated SMS it replied to (alias r). */
  static final String SELECT =
      "select m.id, m.conversation_id, m.direction, m.body, m.at, m.status, m.segments,"
          + " m.encoding, m.origin_type, m.origin_id, m.origin_name, m.error, m.incomplete,"
          + " m.keyword_event, m.fingerprint, m.data_coding, m.octets, m.sent_by_id,"
          + " m.sent_by_name,"
          + " r.id as r_id, r.origin_type as r_origin_type, r.origin_id as r_origin_id,"
          + " r.origin_name as r_origin_name, r.at as r_at"
          + " from message m left join message r on r.id = m.in_reply_to_id";

  private final JdbcUnitOfWork unitOfWork;
  private final Sql sql;
  private final PartLedger ledger;
  private final JdbcReportTally tally;

  /**
   * @param ledger where the outbox learns which parts of a queued message the SMSC accepted already
   */
  public JdbcMessageRepository(JdbcUnitOfWork unitOfWork, PartLedger ledger) {
    this.unitOfWork = unitOfWork;
    this.sql = new Sql(unitOfWork);
    this.tally = new JdbcReportTally(unitOfWork);
    this.ledger = ledger;
  }

  @Override
  public Message insert(
      long conversationId,
      Direction direction,
      String text,
      MessageStatus status,
      int segments,
      String encoding,
      Origin origin,
      InReplyTo inReplyTo,
      boolean incomplete,
      Instant at,
      Actor sentBy) {
    long id =
        sql.insert(
            "insert into message (conversation_id, direction, body, status, segments, encoding,"
                + " origin_type, origin_id, origin_name, in_reply_to_id, incomplete, at, status_at,"
                + " sent_by_id, sent_by_name, search_text)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            conversationId,
            direction,
            text,
            status,
            segments,
            encoding,
            origin == null ? null : origin.type(),
            origin == null ? null : origin.id(),
            origin == null ? null : origin.name(),
            inReplyTo == null ? null : inReplyTo.id(),
            incomplete,
            at,
            at,
            sentBy == null ? null : sentBy.id(),
            sentBy == null ? null : sentBy.name(),
            SearchKeys.text(text));
    countStored(id, conversationId, direction, status, origin, at, sentBy);
    return new Message(
        id,
        conversationId,
        direction,
        text,
        at,
        status,
        segments,
        encoding,
        origin,
        inReplyTo,
        null,
        incomplete,
        null,
        null,
        sentBy);
  }

  @Override
  public List<Message> insertInbound(List<NewInboundMessage> messages) {
    long[] ids =
        messages.isEmpty()
            ? new long[0]
            : unitOfWork.postgres() ? insertAsArrays(messages) : insertRowByRow(messages);
    List<Message> stored = new ArrayList<>(messages.size());
    for (int i = 0; i < ids.length; i++) {
      NewInboundMessage m = messages.get(i);
      stored.add(
          new Message(
              ids[i],
              m.conversationId(),
              Direction.INBOUND,
              m.text(),
              m.at(),
              MessageStatus.RECEIVED,
              m.segments(),
              m.encoding(),
              null,
              m.inReplyTo(),
              null,
              m.incomplete(),
              null,
              m.unreadable(),
              null));
    }
    tally.inboundCounted(messages);
    return stored;
  }

  private long[] insertRowByRow(List<NewInboundMessage> messages) {
    List<Object[]> rows = new ArrayList<>(messages.size());
    for (NewInboundMessage m : messages) {
      rows.add(
          new Object[] {
            m.conversationId(),
            Direction.INBOUND,
            m.text(),
            MessageStatus.RECEIVED,
            m.segments(),
            m.encoding(),
            m.inReplyTo() == null ? null : m.inReplyTo().id(),
            m.incomplete(),
            m.at(),
            m.at(),
            m.fingerprint(),
            m.unreadable() == null ? null : m.unreadable().dataCoding(),
            m.unreadable() == null ? null : m.unreadable().bytes(),
            SearchKeys.text(m.text())
          });
    }
    return sql.insertAll(
        "insert into message (conversation_id, direction, body, status, segments, encoding,"
            + " in_reply_to_id, incomplete, at, status_at, fingerprint, data_coding, octets,"
            + " search_text) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows);
  }

  /**
   * PostgreSQL: the filer's batch as one statement over arrays, a column each, as the journal's
   * append. A batch of single inserts is planned, executed and checked (the conversation's foreign
   * key) once a row; the message insert was the filer's largest statement.
   *
   * @return the new messages' ids, in the order of {@code messages}
   */
  private long[] insertAsArrays(List<NewInboundMessage> messages) {
    int n = messages.size();
    List<Long> conversation = new ArrayList<>(n);
    List<String> text = new ArrayList<>(n);
    List<Integer> segments = new ArrayList<>(n);
    List<String> encoding = new ArrayList<>(n);
    List<Long> inReplyTo = new ArrayList<>(n);
    List<Boolean> incomplete = new ArrayList<>(n);
    List<String> at = new ArrayList<>(n);
    List<String> fingerprint = new ArrayList<>(n);
    List<Integer> dataCoding = new ArrayList<>(n);
    List<String> octets = new ArrayList<>(n);
    List<String> search = new ArrayList<>(n);
    for (NewInboundMessage m : messages) {
      conversation.add(m.conversationId());
      text.add(m.text());
      segments.add(m.segments());
      encoding.add(m.encoding());
      inReplyTo.add(m.inReplyTo() == null ? null : m.inReplyTo().id());
      incomplete.add(m.incomplete());
      at.add(Sql.utc(m.at()).toString());
      fingerprint.add(m.fingerprint());
      dataCoding.add(m.unreadable() == null ? null : m.unreadable().dataCoding());
      octets.add(m.unreadable() == null ? null : m.unreadable().hex());
      search.add(SearchKeys.text(m.text()));
    }
    List<Long> ids =
        sql.query(
            "insert into message (conversation_id, direction, body, status, segments, encoding,"
                + " in_reply_to_id, incomplete, at, status_at, fingerprint, data_coding, octets,"
                + " search_text) select c, 'INBOUND', b, 'RECEIVED', s, e, r, i, a, a, f, d,"
                + " decode(o, 'hex'), t from unnest(?::int8[], ?::varchar[], ?::int4[],"
                + " ?::varchar[], ?::int8[], ?::bool[], ?::timestamptz[], ?::varchar[],"
                + " ?::int4[], ?::varchar[], ?::varchar[]) with ordinality"
                + " as u(c, b, s, e, r, i, a, f, d, o, t, n)"
                // Ids drawn in the batch's order, so the n-th smallest is the n-th message's.
                + " order by n returning id",
            rs -> rs.getLong(1),
            sql.array("int8", conversation),
            sql.array("varchar", text),
            sql.array("int4", segments),
            sql.array("varchar", encoding),
            sql.array("int8", inReplyTo),
            sql.array("bool", incomplete),
            sql.array("timestamptz", at),
            sql.array("varchar", fingerprint),
            sql.array("int4", dataCoding),
            sql.array("varchar", octets),
            sql.array("varchar", search));
    if (ids.size() != n) {
      throw new StorageFailure(
          "The database answered " + ids.size() + " ids for " + n + " messages", null);
    }
    // RETURNING promises no order; the ids themselves have the batch's.
    return ids.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /** What the reports count of a message stored one at a time (V28). */
  private void countStored(
      long id,
      long conversationId,
      Direction direction,
      MessageStatus status,
      Origin origin,
      Instant at,
      Actor sentBy) {
    if (direction == Direction.INBOUND) {
      tally.inboundFiled(
          List.of(
              new Message(
                  id,
                  conversationId,
                  direction,
                  "",
                  at,
                  status,
                  1,
                  null,
                  null,
                  null,
                  null,
                  false,
                  null,
                  null,
                  null)));
      return;
    }
    if (status != MessageStatus.SCHEDULED && status != MessageStatus.CANCELLED) {
      tally.outboundQueued(id, at, origin);
    }
    tally.outcome(id, status, null, at);
    if (origin != null && origin.type() == OriginType.INBOX && sentBy != null) {
      tally.replied(conversationId, at, sentBy.id());
    }
  }

  @Override
  public Optional<Message> find(long id) {
    return sql.one(SELECT + " where m.id = ?", JdbcMessageRepository::map, id);
  }

  @Override
  public void lock(long id) {
    sql.one("select id from message where id = ? for update", rs -> rs.getLong(1), id);
  }

  @Override
  public Map<String, Message> findByFingerprints(Collection<String> fingerprints, Instant since) {
    if (fingerprints.isEmpty()) {
      return Map.of();
    }
    // The ids first, one probe of the fingerprint index for each: nearly always there are none,
    // and the messages' own join (what they answer) is then not planned at all.
    List<Long> ids =
        unitOfWork.postgres() ? probeByHash(fingerprints, since) : probe(fingerprints, since);
    ids = ids.stream().filter(Objects::nonNull).distinct().toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    Sql.InList found = Sql.in(ids);
    Map<String, Message> latest = new HashMap<>();
    // Oldest first, so the latest of each fingerprint is the one that stays in the map.
    sql.query(
        SELECT + " where m.id in (" + found.placeholders() + ") order by m.id",
        rs -> latest.put(rs.getString("fingerprint"), map(rs)),
        found.values().toArray());
    return latest;
  }

  private List<Long> probe(Collection<String> fingerprints, Instant since) {
    Sql.InList wanted = Sql.rows(fingerprints);
    List<Object> params = new ArrayList<>(wanted.values().size() + 1);
    params.add(since);
    params.addAll(wanted.values());
    return sql.query(
        "select (select m.id from message m where m.fingerprint = w.fp and m.at >= ?"
            + " order by m.at desc fetch first 1 rows only) from (values "
            + wanted.placeholders()
            + ") as w(fp)",
        rs -> Sql.nullableLong(rs, 1),
        params.toArray());
  }

  /**
   * PostgreSQL indexes a 64-bit hash of the fingerprint (V36), written here as in the index so the
   * planner matches them; the whole fingerprint is compared on the row.
   */
  private List<Long> probeByHash(Collection<String> fingerprints, Instant since) {
    return sql.query(
        "select (select m.id from message m where hashtextextended(m.fingerprint, 0)"
            + " = hashtextextended(w.fp, 0) and m.fingerprint = w.fp and m.at >= ?"
            + " order by m.at desc fetch first 1 rows only) from unnest(?::varchar[]) as w(fp)",
        rs -> Sql.nullableLong(rs, 1),
        since,
        sql.array("varchar", List.copyOf(fingerprints)));
  }

  List<Message> ofConversation(long conversationId) {
    return sql.query(
        SELECT + " where m.conversation_id = ? order by m.id",
        JdbcMessageRepository::map,
        conversationId);
  }

  @Override
  public long queuedCount() {
    return sql.one("select count(*) from message where status = 'QUEUED'", rs -> rs.getLong(1))
        .orElse(0L);
  }

  /**
   * Not a queued message waiting out its own back-off, nor one behind it in its conversation (they
   * stay in order behind it); the other conversations go on.
   */
  private static final String NOT_BACKED_OFF =
      " not exists (select 1 from message w where w.conversation_id = m.conversation_id"
          + " and w.status = 'QUEUED' and w.id <= m.id and w.next_attempt_at > ?)";

  @Override
  public List<Long> queuedConversations(int limit, Instant now, String instance) {
    return sql.query(
        "select m.conversation_id from message m where m.status = 'QUEUED' and"
            + NOT_BACKED_OFF
            + " and not exists (select 1 from outbox_claim k"
            + " where k.conversation_id = m.conversation_id and k.claimed_by <> ?"
            + " and k.claimed_until > ?)"
            + " group by m.conversation_id order by min(m.id) fetch first ? rows only",
        rs -> rs.getLong(1),
        now,
        instance,
        now,
        limit);
  }

  @Override
  public List<QueuedMessage> queuedIn(long conversationId, int limit, Instant now) {
    return withSentParts(
        sql.query(
            QUEUED
                + " where m.conversation_id = ? and m.status = 'QUEUED' and"
                + NOT_BACKED_OFF
                + " order by m.id fetch first ? rows only",
            JdbcMessageRepository::queuedRow,
            conversationId,
            now,
            limit));
  }

  @Override
  public List<QueuedMessage> scheduledDue(Instant now, int limit) {
    return withSentParts(
        sql.query(
            QUEUED
                + " where m.status = 'SCHEDULED' and m.at <= ? order by m.at, m.id"
                + " fetch first ? rows only",
            JdbcMessageRepository::queuedRow,
            now,
            limit));
  }

  @Override
  public boolean changeScheduled(long messageId, MessageStatus status, String error, Instant at) {
    // Entering the outbox, its time becomes now: the outbox's expiry counts from there.
    if (status == MessageStatus.QUEUED) {
      boolean released =
          sql.update(
                  "update message set status = ?, error = ?, status_at = ?, at = ?"
                      + " where id = ? and status = 'SCHEDULED'",
                  status,
                  error,
                  at,
                  at,
                  messageId)
              == 1;
      if (released) {
        tally.outboundQueued(
            messageId,
            at,
            sql.one(
                    "select origin_type, origin_id, origin_name from message where id = ?",
                    rs -> origin(rs, "origin_type", "origin_id", "origin_name"),
                    messageId)
                .orElse(null));
      }
      return released;
    }
    boolean changed =
        sql.update(
                "update message set status = ?, error = ?, status_at = ?"
                    + " where id = ? and status = 'SCHEDULED'",
                status,
                error,
                at,
                messageId)
            == 1;
    if (changed) {
      tally.outcome(messageId, status, error, at);
    }
    return changed;
  }

  @Override
  public boolean holdScheduled(long messageId, Instant until, String why, Instant now) {
    return sql.update(
            "update message set at = ?, error = ?, status_at = ?"
                + " where id = ? and status = 'SCHEDULED'",
            until,
            why,
            now,
            messageId)
        == 1;
  }

  @Override
  public void waiveQuietHours(long messageId) {
    sql.update("update message set quiet_hours_waived = true where id = ?", messageId);
  }

  @Override
  public boolean quietHoursWaived(long messageId) {
    return sql.one(
            "select quiet_hours_waived from message where id = ?",
            rs -> rs.getBoolean(1),
            messageId)
        .orElse(false);
  }

  @Override
  public List<QueuedMessage> queuedBefore(Instant cutoff, int limit) {
    return withSentParts(
        sql.query(
            QUEUED
                + " where m.status = 'QUEUED' and m.at < ? order by m.id fetch first ? rows only",
            JdbcMessageRepository::queuedRow,
            cutoff,
            limit));
  }

  @Override
  public List<QueuedMessage> queuedBefore(long conversationId, Instant cutoff, int limit) {
    return withSentParts(
        sql.query(
            QUEUED
                + " where m.conversation_id = ? and m.status = 'QUEUED' and m.at < ?"
                + " order by m.id fetch first ? rows only",
            JdbcMessageRepository::queuedRow,
            conversationId,
            cutoff,
            limit));
  }

  @Override
  public void deferQueued(long messageId, Instant until) {
    sql.update(
        "update message set next_attempt_at = ?, attempts = attempts + 1"
            + " where id = ? and status = 'QUEUED'",
        until,
        messageId);
  }

  private static final String QUEUED =
      "select m.id, m.conversation_id, s.tenant_id, m.body, s.number as from_number,"
          + " ct.phone as to_number, m.at, m.attempts from message m"
          + " join conversation c on c.id = m.conversation_id"
          + " join sender_number s on s.id = c.sender_number_id"
          + " join contact ct on ct.id = c.contact_id";

  private static QueuedMessage queuedRow(ResultSet rs) throws SQLException {
    return new QueuedMessage(
        rs.getLong("id"),
        rs.getLong("conversation_id"),
        rs.getString("tenant_id"),
        rs.getString("body"),
        rs.getString("from_number"),
        rs.getString("to_number"),
        Set.of(),
        Sql.instant(rs, "at"),
        rs.getInt("attempts"),
        Set.of());
  }

  private List<QueuedMessage> withSentParts(List<QueuedMessage> queued) {
    return queued.stream()
        .map(
            q -> {
              List<OutboundPart> parts = ledger.parts(q.id());
              return new QueuedMessage(
                  q.id(),
                  q.conversationId(),
                  q.accountId(),
                  q.text(),
                  q.fromNumber(),
                  q.toNumber(),
                  partNumbers(parts, false),
                  q.queuedAt(),
                  q.attempts(),
                  partNumbers(parts, true));
            })
        .toList();
  }

  /** Accepted parts, or (inDoubt) parts submitted without an answer recorded. */
  private static Set<Integer> partNumbers(List<OutboundPart> parts, boolean inDoubt) {
    if (parts.isEmpty()) {
      return Collections.emptySet();
    }
    return parts.stream()
        .filter(p -> (p.status() == MessageStatus.QUEUED) == inDoubt)
        .map(OutboundPart::partNumber)
        .collect(Collectors.toCollection(HashSet::new));
  }

  @Override
  public void updateStatus(long messageId, MessageStatus status, String error, Instant at) {
    // A final status is never overwritten: receipts and the outbox may race.
    int changed =
        sql.update(
            "update message set status = ?, error = ?, status_at = ? where id = ?"
                + " and status not in ('DELIVERED', 'FAILED', 'EXPIRED', 'REJECTED', 'CANCELLED')",
            status,
            error,
            at,
            messageId);
    if (changed == 1) {
      tally.outcome(messageId, status, error, at);
    }
  }

  /** The replied-to message of a row that has it as r_id, r_origin_…, r_at; null when none. */
  static InReplyTo inReplyTo(ResultSet rs) throws SQLException {
    Long replyId = Sql.nullableLong(rs, "r_id");
    return replyId == null
        ? null
        : new InReplyTo(
            replyId,
            origin(rs, "r_origin_type", "r_origin_id", "r_origin_name"),
            Sql.instant(rs, "r_at"));
  }

  static Message map(ResultSet rs) throws SQLException {
    InReplyTo inReplyTo = inReplyTo(rs);
    return new Message(
        rs.getLong("id"),
        rs.getLong("conversation_id"),
        Direction.valueOf(rs.getString("direction")),
        rs.getString("body"),
        Sql.instant(rs, "at"),
        MessageStatus.valueOf(rs.getString("status")),
        rs.getInt("segments"),
        rs.getString("encoding"),
        origin(rs, "origin_type", "origin_id", "origin_name"),
        inReplyTo,
        rs.getString("error"),
        rs.getBoolean("incomplete"),
        keywordEvent(rs.getString("keyword_event")),
        unreadable(rs),
        sentBy(rs));
  }

  private static Actor sentBy(ResultSet rs) throws SQLException {
    String id = rs.getString("sent_by_id");
    return id == null ? null : new Actor(id, rs.getString("sent_by_name"));
  }

  /** The octets of a text that could not be read, from data_coding and octets; else null. */
  static UnreadableText unreadable(ResultSet rs) throws SQLException {
    byte[] octets = rs.getBytes("octets");
    return octets == null ? null : UnreadableText.of(rs.getInt("data_coding"), octets);
  }

  private static KeywordEvent keywordEvent(String value) {
    return value == null ? null : KeywordEvent.valueOf(value);
  }

  @Override
  public void markKeywordEvent(long messageId, KeywordEvent event) {
    int changed =
        sql.update(
            "update message set keyword_event = ? where id = ?"
                + " and (keyword_event is null or keyword_event <> ?)",
            event,
            messageId,
            event);
    if (changed == 1 && (event == KeywordEvent.OPT_OUT || event == KeywordEvent.OPT_IN)) {
      tally.countInbound(messageId, event.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private static Origin origin(ResultSet rs, String type, String id, String name)
      throws SQLException {
    String originType = rs.getString(type);
    return originType == null
        ? null
        : new Origin(OriginType.valueOf(originType), rs.getString(id), rs.getString(name));
  }
}
