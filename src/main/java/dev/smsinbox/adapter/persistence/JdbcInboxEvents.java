package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.application.port.InboxEventLog;
import dev.smsinbox.application.port.InboxEventLog.StoredEvent;
import dev.smsinbox.application.port.InboxEvents;
import jakarta.json.bind.Jsonb;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Live events, appended to inbox_event in the caller's transaction. */
public class JdbcInboxEvents implements InboxEvents, InboxEventLog {

  /** An event as stored: its id is the SSE id clients resume from. */
  private final JdbcUnitOfWork unitOfWork;

  private final Sql sql;
  private final Jsonb json;
  private final Clock clock;
  private final BiConsumer<String, String> onCommit;

  /**
   * @param onCommit told of each event (type, JSON) once its transaction committed, so it is pushed
   *     at once
   */
  public JdbcInboxEvents(
      JdbcUnitOfWork unitOfWork, Jsonb json, Clock clock, BiConsumer<String, String> onCommit) {
    this.unitOfWork = unitOfWork;
    this.sql = new Sql(unitOfWork);
    this.json = json;
    this.clock = clock;
    this.onCommit = onCommit;
  }

  @Override
  public void publish(String type, Object payload) {
    publishAll(type, List.of(payload));
  }

  @Override
  public void publishAll(String type, List<?> payloads) {
    Instant now = clock.instant();
    List<Object[]> rows = new ArrayList<>(payloads.size());
    for (Object payload : payloads) {
      String body = json.toJson(payload);
      rows.add(new Object[] {type, body, now, conversationOf(payload)});
      unitOfWork.afterCommit(() -> onCommit.accept(type, body));
    }
    sql.batch(
        "insert into inbox_event (type, payload, created_at, conversation_id) values (?, ?, ?, ?)",
        rows);
  }

  /** Events after {@code afterId}, oldest first. */
  @Override
  public List<StoredEvent> after(long afterId, int limit) {
    return unitOfWork.inTransaction(
        () ->
            sql.query(
                "select id, type, payload from inbox_event where id > ? order by id"
                    + " fetch first ? rows only",
                rs -> new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3)),
                afterId,
                limit));
  }

  @Override
  public long lastId() {
    return unitOfWork.inTransaction(
        () ->
            sql.one("select coalesce(max(id), 0) from inbox_event", rs -> rs.getLong(1))
                .orElse(0L));
  }

  /**
   * Deletes events older than {@code before} that every integrator route still in use has read (a
   * route whose cursor has not moved since then is taken as gone).
   *
   * @return how many events were deleted
   */
  public int purgeBefore(Instant before) {
    return unitOfWork.inTransaction(
        () ->
            sql.update(
                "delete from inbox_event where created_at < ? and id < coalesce((select"
                    + " min(last_event_id) + 1 from integrator_cursor where updated_at >= ?),"
                    + " 9223372036854775807)",
                before,
                before));
  }

  /** The conversation an event payload concerns (its conversationId component), if any. */
  private static Long conversationOf(Object payload) {
    Method accessor = CONVERSATION_ID.get(payload.getClass());
    if (accessor == null) {
      return null;
    }
    try {
      return ((Number) accessor.invoke(payload)).longValue();
    } catch (ReflectiveOperationException | ClassCastException e) {
      return null;
    }
  }

  /**
   * The conversationId accessor of each payload record, if it has one (it ties the event to the
   * conversation, so deleting a contact deletes it), found once per type rather than per event.
   */
  private static final ClassValue<Method> CONVERSATION_ID =
      new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
          if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
              if (c.getName().equals("conversationId")) {
                return c.getAccessor();
              }
            }
          }
          return null;
        }
      };
}
