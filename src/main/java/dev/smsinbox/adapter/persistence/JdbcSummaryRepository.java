package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.Summary;
import dev.smsinbox.domain.SummaryRepository;
import java.util.List;

/** Conversation summaries in conversation_summary. */
public class JdbcSummaryRepository implements SummaryRepository {

  private final Sql sql;

  public JdbcSummaryRepository(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public List<Summary> of(long conversationId) {
    return sql.query(
        "select message_count, text, created_at from conversation_summary"
            + " where conversation_id = ? order by message_count",
        rs -> new Summary(rs.getInt(1), rs.getString(2), Sql.instant(rs, "created_at")),
        conversationId);
  }

  @Override
  public boolean add(long conversationId, Summary summary) {
    boolean exists =
        sql.one(
                "select 1 from conversation_summary where conversation_id = ? and message_count = ?",
                rs -> true,
                conversationId,
                summary.messageCount())
            .isPresent();
    if (exists) {
      return false;
    }
    sql.insert(
        "insert into conversation_summary (conversation_id, message_count, text, created_at)"
            + " values (?, ?, ?, ?)",
        conversationId,
        summary.messageCount(),
        summary.text(),
        summary.at());
    return true;
  }

  @Override
  public int lastSummarizedCount(long conversationId) {
    return sql.one(
            "select coalesce(max(message_count), 0) from conversation_summary"
                + " where conversation_id = ?",
            rs -> rs.getInt(1),
            conversationId)
        .orElse(0);
  }

  @Override
  public int messageCount(long conversationId) {
    return sql.one(
            "select count(*) from message where conversation_id = ?",
            rs -> rs.getInt(1),
            conversationId)
        .orElse(0);
  }
}
