package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.Snippet;
import dev.smsinbox.domain.SnippetRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Saved replies in table snippet, always read and written within the caller's account. */
public class JdbcSnippetRepository implements SnippetRepository {

  private static final String COLUMNS = "select id, name, body, updated_at from snippet";

  private final Sql sql;

  public JdbcSnippetRepository(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public List<Snippet> list(String accountId) {
    return sql.query(
        COLUMNS + " where tenant_id = ? order by lower(name), id", this::row, accountId);
  }

  @Override
  public Optional<Snippet> find(String accountId, long id) {
    return sql.one(COLUMNS + " where tenant_id = ? and id = ?", this::row, accountId, id);
  }

  @Override
  public Optional<Snippet> findByName(String accountId, String name) {
    return sql.one(
        COLUMNS + " where tenant_id = ? and lower(name) = lower(?)", this::row, accountId, name);
  }

  @Override
  public Snippet insert(String accountId, String name, String text, Instant at) {
    long id =
        sql.insert(
            "insert into snippet (tenant_id, name, body, updated_at) values (?, ?, ?, ?)",
            accountId,
            name,
            text,
            at);
    return new Snippet(id, name, text, at);
  }

  @Override
  public boolean update(String accountId, long id, String name, String text, Instant at) {
    return sql.update(
            "update snippet set name = ?, body = ?, updated_at = ? where tenant_id = ? and id = ?",
            name,
            text,
            at,
            accountId,
            id)
        == 1;
  }

  @Override
  public boolean delete(String accountId, long id) {
    return sql.update("delete from snippet where tenant_id = ? and id = ?", accountId, id) == 1;
  }

  private Snippet row(ResultSet rs) throws SQLException {
    return new Snippet(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("body"),
        Sql.instant(rs, "updated_at"));
  }
}
