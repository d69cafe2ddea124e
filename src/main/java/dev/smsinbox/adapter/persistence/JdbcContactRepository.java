package dev.smsinbox.adapter.persistence;

import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.ContactRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

public class JdbcContactRepository implements ContactRepository {

  static final String COLUMNS = "ct.id, ct.first_name, ct.last_name, ct.phone, ct.email";

  private final Sql sql;

  public JdbcContactRepository(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public Optional<Contact> find(long id) {
    return sql.one(
        "select " + COLUMNS + " from contact ct where ct.id = ?", JdbcContactRepository::map, id);
  }

  @Override
  public Optional<Contact> findByPhone(String e164) {
    return sql.one(
        "select " + COLUMNS + " from contact ct where ct.phone = ?",
        JdbcContactRepository::map,
        e164);
  }

  @Override
  public Contact create(String firstName, String lastName, String e164, String email, Instant at) {
    long id =
        sql.insert(
            "insert into contact (first_name, last_name, phone, email, created_at)"
                + " values (?, ?, ?, ?, ?)",
            firstName,
            lastName,
            e164,
            email,
            at);
    return new Contact(id, firstName, lastName, e164, email);
  }

  @Override
  public Contact update(long id, String firstName, String lastName, String email) {
    sql.update(
        "update contact set first_name = ?, last_name = ?, email = ? where id = ?",
        firstName,
        lastName,
        email,
        id);
    return find(id).orElseThrow();
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
