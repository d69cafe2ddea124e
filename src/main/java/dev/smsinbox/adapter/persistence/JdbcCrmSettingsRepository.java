package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.crm.CrmSettings;
import dev.smsinbox.domain.crm.CrmSettingsRepository;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Table crm_settings: the connector's id and its settings as a JSON object of strings. */
public class JdbcCrmSettingsRepository implements CrmSettingsRepository {

  private final JdbcUnitOfWork unitOfWork;
  private final Sql sql;

  public JdbcCrmSettingsRepository(JdbcUnitOfWork unitOfWork) {
    this.unitOfWork = unitOfWork;
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public Optional<CrmSettings> find(String accountId) {
    return sql.one(
        "select connector, settings from crm_settings where tenant_id = ?",
        rs -> new CrmSettings(rs.getString(1), parse(rs.getString(2))),
        accountId);
  }

  @Override
  public void save(String accountId, CrmSettings settings, Instant at) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    settings.settings().forEach(json::add);
    String text = json.build().toString();
    int updated =
        sql.update(
            "update crm_settings set connector = ?, settings = ?, updated_at = ?"
                + " where tenant_id = ?",
            settings.connector(),
            text,
            at,
            accountId);
    if (updated == 0) {
      sql.update(
          "insert into crm_settings (tenant_id, connector, settings, updated_at)"
              + " values (?, ?, ?, ?)",
          accountId,
          settings.connector(),
          text,
          at);
    }
    AccountChanges.changed(unitOfWork, sql, accountId, AccountChanges.CRM_SETTINGS, at);
  }

  private static Map<String, String> parse(String text) {
    Map<String, String> settings = new LinkedHashMap<>();
    try (var reader = Json.createReader(new StringReader(text))) {
      JsonObject object = reader.readObject();
      object.forEach(
          (k, v) -> {
            if (v instanceof JsonString s) {
              settings.put(k, s.getString());
            }
          });
    }
    return settings;
  }
}
