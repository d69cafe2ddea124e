package dev.smsinbox.adapter.crm;

import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.domain.crm.Account;
import dev.smsinbox.domain.crm.Automation;
import dev.smsinbox.domain.crm.AutomationEnrolment;
import dev.smsinbox.domain.crm.Consent;
import dev.smsinbox.domain.crm.Deal;
import dev.smsinbox.domain.crm.DealStatus;
import dev.smsinbox.domain.crm.ListSubscription;
import dev.smsinbox.domain.crm.NewDeal;
import dev.smsinbox.domain.crm.SmsList;
import dev.smsinbox.domain.crm.SubscriptionState;
import dev.smsinbox.domain.crm.Tag;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CRM kept in our own tables (crm.connector=embedded, the default): the product works
 * standalone and the demo shows every panel action. Names of tags, accounts, lists and automations
 * are unique regardless of case through a {@code name_key} column with a unique constraint. One
 * connector serves one CRM account (tenant): its tags, accounts, lists and automations are that
 * account's; contacts reach it only after the contact panel found them in the account.
 */
public class EmbeddedCrmConnector implements CrmConnector {

  private final Sql db;
  private final String tenant;

  EmbeddedCrmConnector(Sql db, String tenant) {
    this.db = db;
    this.tenant = tenant;
  }

  @Override
  public boolean inTheInboxDatabase() {
    return true;
  }

  static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  // Tags

  @Override
  public List<Tag> tags() {
    return db.query(
        "select id, name from tag where tenant_id = ? order by name_key",
        EmbeddedCrmConnector::tag,
        tenant);
  }

  @Override
  public Optional<Tag> findTag(long tagId) {
    return db.one(
        "select id, name from tag where id = ? and tenant_id = ?",
        EmbeddedCrmConnector::tag,
        tagId,
        tenant);
  }

  @Override
  public List<Tag> tagsOf(long contactId) {
    return db.query(
        "select t.id, t.name from tag t join contact_tag ct on ct.tag_id = t.id"
            + " where ct.contact_id = ? order by t.name_key",
        EmbeddedCrmConnector::tag,
        contactId);
  }

  @Override
  public Tag addTag(long contactId, String name, Instant at) {
    Tag tag = named("tag", name, at, EmbeddedCrmConnector::tag);
    db.insertUnlessPresent(
        "insert into contact_tag (contact_id, tag_id, tagged_at) values (?, ?, ?)",
        contactId,
        tag.id(),
        at);
    return tag;
  }

  @Override
  public void removeTag(long contactId, long tagId) {
    db.update("delete from contact_tag where contact_id = ? and tag_id = ?", contactId, tagId);
  }

  // Accounts

  @Override
  public Optional<Account> findAccount(long accountId) {
    return db.one(
        "select id, name from account where id = ? and tenant_id = ?",
        EmbeddedCrmConnector::account,
        accountId,
        tenant);
  }

  @Override
  public Account accountNamed(String name, Instant at) {
    return named("account", name, at, EmbeddedCrmConnector::account);
  }

  @Override
  public Optional<Account> accountOf(long contactId) {
    return db.one(
        "select a.id, a.name from account a join contact c on c.account_id = a.id where c.id = ?",
        EmbeddedCrmConnector::account,
        contactId);
  }

  @Override
  public void attach(long contactId, long accountId) {
    db.update("update contact set account_id = ? where id = ?", accountId, contactId);
  }

  @Override
  public void detach(long contactId) {
    db.update("update contact set account_id = null where id = ?", contactId);
  }

  // SMS lists

  @Override
  public List<SmsList> lists() {
    return db.query(
        "select id, name from sms_list where tenant_id = ? order by name_key",
        EmbeddedCrmConnector::list,
        tenant);
  }

  @Override
  public Optional<SmsList> findList(long listId) {
    return db.one(
        "select id, name from sms_list where id = ? and tenant_id = ?",
        EmbeddedCrmConnector::list,
        listId,
        tenant);
  }

  /** Makes sure a list of that name exists (the configured lists, demo data). */
  SmsList listNamed(String name, Instant at) {
    return named("sms_list", name, at, EmbeddedCrmConnector::list);
  }

  @Override
  public List<ListSubscription> subscriptionsOf(long contactId) {
    return db.query(
        "select l.id, l.name, s.state, s.subscribed_at, s.subscribed_by, s.subscribed_source,"
            + " s.unsubscribed_at, s.unsubscribed_by, s.unsubscribed_source"
            + " from list_subscription s join sms_list l on l.id = s.list_id"
            + " where s.contact_id = ? order by l.name_key",
        rs ->
            new ListSubscription(
                list(rs),
                SubscriptionState.valueOf(rs.getString("state")),
                consent(rs, "subscribed"),
                consent(rs, "unsubscribed")),
        contactId);
  }

  @Override
  public void subscribe(long contactId, long listId, Consent consent) {
    int updated =
        db.update(
            "update list_subscription set state = 'SUBSCRIBED', subscribed_at = ?,"
                + " subscribed_by = ?, subscribed_source = ?, unsubscribed_at = null,"
                + " unsubscribed_by = null, unsubscribed_source = null"
                + " where contact_id = ? and list_id = ? and state = 'UNSUBSCRIBED'",
            consent.at(),
            consent.by(),
            consent.source(),
            contactId,
            listId);
    if (updated == 0) {
      // Not on the list yet, or already subscribed (then the first consent stands).
      db.insertUnlessPresent(
          "insert into list_subscription (contact_id, list_id, state, subscribed_at,"
              + " subscribed_by, subscribed_source) values (?, ?, 'SUBSCRIBED', ?, ?, ?)",
          contactId,
          listId,
          consent.at(),
          consent.by(),
          consent.source());
    }
  }

  @Override
  public void unsubscribe(long contactId, long listId, Consent consent) {
    db.update(
        "update list_subscription set state = 'UNSUBSCRIBED', unsubscribed_at = ?,"
            + " unsubscribed_by = ?, unsubscribed_source = ?"
            + " where contact_id = ? and list_id = ? and state = 'SUBSCRIBED'",
        consent.at(),
        consent.by(),
        consent.source(),
        contactId,
        listId);
  }

  // Automations

  @Override
  public List<Automation> automations() {
    return db.query(
        "select id, name from automation where tenant_id = ? order by name_key",
        EmbeddedCrmConnector::automation,
        tenant);
  }

  @Override
  public Optional<Automation> findAutomation(long automationId) {
    return db.one(
        "select id, name from automation where id = ? and tenant_id = ?",
        EmbeddedCrmConnector::automation,
        automationId,
        tenant);
  }

  /** Makes sure an automation of that name exists (the configured ones, demo data). */
  Automation automationNamed(String name, Instant at) {
    return named("automation", name, at, EmbeddedCrmConnector::automation);
  }

  @Override
  public List<AutomationEnrolment> enrolmentsOf(long contactId) {
    return db.query(
        "select a.id, a.name, e.enrolled_at, e.enrolled_by from automation_enrolment e"
            + " join automation a on a.id = e.automation_id where e.contact_id = ?"
            + " order by e.enrolled_at, e.id",
        rs ->
            new AutomationEnrolment(
                automation(rs), Sql.instant(rs, "enrolled_at"), rs.getString("enrolled_by")),
        contactId);
  }

  @Override
  public Optional<AutomationEnrolment> enrol(
      long contactId, long automationId, String by, Instant at) {
    boolean added =
        db.insertUnlessPresent(
            "insert into automation_enrolment (contact_id, automation_id, enrolled_at,"
                + " enrolled_by) values (?, ?, ?, ?)",
            contactId,
            automationId,
            at,
            by);
    if (!added) {
      return Optional.empty();
    }
    return findAutomation(automationId).map(a -> new AutomationEnrolment(a, at, by));
  }

  @Override
  public boolean removeFromAutomation(long contactId, long automationId) {
    return db.update(
            "delete from automation_enrolment where contact_id = ? and automation_id = ?"
                + " and automation_id in (select id from automation where tenant_id = ?)",
            contactId,
            automationId,
            tenant)
        > 0;
  }

  // Deals

  @Override
  public List<Deal> dealsOf(long contactId) {
    return db.query(
        "select id, title, deal_value, currency, stage, status, created_at from deal"
            + " where contact_id = ? order by id",
        rs ->
            new Deal(
                rs.getLong("id"),
                rs.getString("title"),
                plain(rs.getBigDecimal("deal_value")),
                rs.getString("currency"),
                rs.getString("stage"),
                DealStatus.valueOf(rs.getString("status")),
                Sql.instant(rs, "created_at")),
        contactId);
  }

  @Override
  public Deal createDeal(long contactId, NewDeal deal, String by, Instant at) {
    long id =
        db.insert(
            "insert into deal (contact_id, title, deal_value, currency, stage, status,"
                + " created_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?)",
            contactId,
            deal.title(),
            deal.value(),
            deal.currency(),
            deal.stage(),
            DealStatus.OPEN,
            at,
            by);
    return new Deal(
        id, deal.title(), deal.value(), deal.currency(), deal.stage(), DealStatus.OPEN, at);
  }

  // Shared

  /**
   * The row of {@code table} with that name regardless of case, inserted when missing. Two
   * transactions adding the same new name meet at the unique name_key: one inserts, the other reads
   * the winner's row.
   */
  private <T> T named(String table, String name, Instant at, Sql.Row<T> row) {
    String select = "select id, name from " + table + " where tenant_id = ? and name_key = ?";
    Optional<T> existing = db.one(select, row, tenant, key(name));
    if (existing.isPresent()) {
      return existing.get();
    }
    db.insertUnlessPresent(
        "insert into " + table + " (tenant_id, name, name_key, created_at) values (?, ?, ?, ?)",
        tenant,
        name.strip(),
        key(name),
        at);
    return db.one(select, row, tenant, key(name)).orElseThrow();
  }

  /** 1200.5000 as stored reads back 1200.5, and 1200.0000 as 1200 (not 1.2E+3). */
  private static BigDecimal plain(BigDecimal stored) {
    BigDecimal value = stored.stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0) : value;
  }

  private static Tag tag(ResultSet rs) throws SQLException {
    return new Tag(rs.getLong("id"), rs.getString("name"));
  }

  private static Account account(ResultSet rs) throws SQLException {
    return new Account(rs.getLong("id"), rs.getString("name"));
  }

  private static SmsList list(ResultSet rs) throws SQLException {
    return new SmsList(rs.getLong("id"), rs.getString("name"));
  }

  private static Automation automation(ResultSet rs) throws SQLException {
    return new Automation(rs.getLong("id"), rs.getString("name"));
  }

  private static Consent consent(ResultSet rs, String prefix) throws SQLException {
    Instant at = Sql.instant(rs, prefix + "_at");
    return at == null
        ? null
        : new Consent(at, rs.getString(prefix + "_by"), rs.getString(prefix + "_source"));
  }
}
