package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.ContactRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public class JdbcContactRepository implements ContactRepository {

  static final String COLUMNS = "ct.id, ct.first_name, ct.last_name, ct.phone, ct.email";

  private final Sql sql;

  public JdbcContactRepository(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public Optional<Contact> find(String accountId, long id) {
    return sql.one(
        "select " + COLUMNS + " from contact ct where ct.id = ? and ct.tenant_id = ?",
        JdbcContactRepository::map,
        id,
        accountId);
  }

  @Override
  public Optional<Contact> findByPhone(String accountId, String e164) {
    return sql.one(
        "select " + COLUMNS + " from contact ct where ct.tenant_id = ? and ct.phone = ?",
        JdbcContactRepository::map,
        accountId,
        e164);
  }

  @Override
  public List<Contact> createAll(String accountId, List<String> e164s, Instant at) {
    List<Object[]> rows = new ArrayList<>(e164s.size());
    for (String phone : e164s) {
      // A sender ID ("ACME") is found by its name, as a first name is.
      String name = phone.startsWith("+") ? null : SearchKeys.text(phone);
      rows.add(new Object[] {accountId, phone, at, SearchKeys.reversedDigits(phone), name});
    }
    long[] ids =
        sql.insertAll(
            "insert into contact (tenant_id, phone, created_at, phone_reversed, search_first)"
                + " values (?, ?, ?, ?, ?)",
            rows);
    List<Contact> created = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      created.add(new Contact(ids[i], null, null, e164s.get(i), null));
    }
    return created;
  }

  @Override
  public Contact create(
      String accountId, String firstName, String lastName, String e164, String email, Instant at) {
    long id =
        sql.insert(
            "insert into contact (tenant_id, first_name, last_name, phone, email, created_at,"
                + " search_first, search_last, search_email, phone_reversed)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            accountId,
            firstName,
            lastName,
            e164,
            email,
            at,
            SearchKeys.text(firstName),
            SearchKeys.text(lastName),
            SearchKeys.text(email),
            SearchKeys.reversedDigits(e164));
    return new Contact(id, firstName, lastName, e164, email);
  }

  @Override
  public Contact update(long id, String firstName, String lastName, String email) {
    sql.update(
        "update contact set first_name = ?, last_name = ?, email = ?, search_first = ?,"
            + " search_last = ?, search_email = ? where id = ?",
        firstName,
        lastName,
        email,
        SearchKeys.text(firstName),
        SearchKeys.text(lastName),
        SearchKeys.text(email),
        id);
    return sql.one(
            "select " + COLUMNS + " from contact ct where ct.id = ?",
            JdbcContactRepository::map,
            id)
        .orElseThrow();
  }

  @Override
  public boolean isDeleted(long id) {
    return sql.one("select deleted_at from contact where id = ?", rs -> rs.getObject(1) != null, id)
        .orElse(false);
  }

  @Override
  public void markDeleted(long id, Instant at) {
    sql.update("update contact set deleted_at = ? where id = ?", at, id);
  }

  @Override
  public void restore(long id) {
    sql.update("update contact set deleted_at = null where id = ?", id);
  }

  /**
   * Fills the search keys of contacts written before they existed (or by another program).
   *
   * @return how many contacts were updated
   */
  public int fillMissingSearchKeys() {
    var missing =
        sql.query(
            "select id, first_name, last_name, email, phone from contact"
                + " where phone_reversed is null fetch first 1000 rows only",
            rs ->
                new Object[] {
                  rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)
                });
    for (Object[] c : missing) {
      sql.update(
          "update contact set search_first = ?, search_last = ?, search_email = ?,"
              + " phone_reversed = ? where id = ?",
          SearchKeys.text((String) c[1]),
          SearchKeys.text((String) c[2]),
          SearchKeys.text((String) c[3]),
          SearchKeys.reversedDigits((String) c[4]),
          c[0]);
    }
    return missing.size();
  }

  static Contact map(ResultSet rs) throws SQLException {
    return new Contact(
        rs.getLong("id"),
        rs.getString("first_name"),
        rs.getString("last_name"),
        rs.getString("phone"),
        rs.getString("email"));
  }
}
