package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.KeywordRule;
import dev.smsinbox.domain.KeywordRuleRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Keyword rules in table keyword_rule (V31), always read and written within the account. */
public class JdbcKeywordRuleRepository implements KeywordRuleRepository {

  private static final String COLUMNS =
      "select r.id, r.keyword, r.automation_id, r.automation_name, r.number_id, n.number,"
          + " r.reply, r.updated_at from keyword_rule r"
          + " left join sender_number n on n.id = r.number_id";

  private final Sql sql;

  public JdbcKeywordRuleRepository(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public List<KeywordRule> list(String accountId) {
    return sql.query(
        COLUMNS
            + " where r.tenant_id = ? order by r.keyword_key,"
            + " case when r.number_id is null then 0 else 1 end, n.number, r.id",
        this::row,
        accountId);
  }

  @Override
  public Optional<KeywordRule> find(String accountId, long id) {
    return sql.one(COLUMNS + " where r.tenant_id = ? and r.id = ?", this::row, accountId, id);
  }

  @Override
  public List<KeywordRule> byKey(String accountId, String keywordKey) {
    return sql.query(
        COLUMNS + " where r.tenant_id = ? and r.keyword_key = ? order by r.id",
        this::row,
        accountId,
        keywordKey);
  }

  @Override
  public KeywordRule insert(String accountId, KeywordRule.Draft rule, Instant at) {
    long id =
        sql.insert(
            "insert into keyword_rule (tenant_id, keyword, keyword_key, automation_id,"
                + " automation_name, number_id, reply, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
            accountId,
            rule.keyword(),
            rule.keywordKey(),
            rule.automationId(),
            rule.automationName(),
            rule.numberId(),
            rule.reply(),
            at);
    return find(accountId, id).orElseThrow();
  }

  @Override
  public boolean update(String accountId, long id, KeywordRule.Draft rule, Instant at) {
    return sql.update(
            "update keyword_rule set keyword = ?, keyword_key = ?, automation_id = ?,"
                + " automation_name = ?, number_id = ?, reply = ?, updated_at = ?"
                + " where tenant_id = ? and id = ?",
            rule.keyword(),
            rule.keywordKey(),
            rule.automationId(),
            rule.automationName(),
            rule.numberId(),
            rule.reply(),
            at,
            accountId,
            id)
        == 1;
  }

  @Override
  public boolean delete(String accountId, long id) {
    return sql.update("delete from keyword_rule where tenant_id = ? and id = ?", accountId, id)
        == 1;
  }

  private KeywordRule row(ResultSet rs) throws SQLException {
    return new KeywordRule(
        rs.getLong("id"),
        rs.getString("keyword"),
        rs.getLong("automation_id"),
        rs.getString("automation_name"),
        Sql.nullableLong(rs, "number_id"),
        rs.getString("number"),
        rs.getString("reply"),
        Sql.instant(rs, "updated_at"));
  }
}
