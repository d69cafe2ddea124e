package dev.smsinbox.adapter.crm.activecampaign;

import static dev.smsinbox.adapter.crm.activecampaign.ActiveCampaignApi.id;
import static dev.smsinbox.adapter.crm.activecampaign.ActiveCampaignApi.text;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.ExtensionContext;
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
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The contact panel on ActiveCampaign (API v3). Our contact is found in the CRM by phone (then by
 * email), or created (synced by email when we have one), once: the link between the two ids is kept
 * in our database ({@code crm_contact_link}). What ActiveCampaign does not record of a change made
 * from the inbox (who subscribed a contact and through what, who enrolled them, when a deal was
 * opened) is kept beside it ({@code crm_change_record}), so the panel shows the same consent
 * records as with the embedded connector.
 *
 * <p>Reads never create a contact in the CRM: a contact it does not know has no tags, lists or
 * deals there. Names of tags and accounts are unique regardless of case: one connector instance
 * creates a name once (a lock per name), and a 422 for a name another client created meanwhile
 * makes it read that one.
 */
public class ActiveCampaignConnector implements CrmConnector {

  /** Who changed something the CRM reports without saying who. */
  static final String BY_THE_CRM = "ActiveCampaign";

  /** The consent source of a change made in the CRM itself. */
  static final String FROM_THE_CRM = "crm";

  private static final Comparator<String> BY_NAME =
      Comparator.comparing(n -> n.toLowerCase(Locale.ROOT));

  private final ActiveCampaignSettings settings;
  private final ActiveCampaignApi api;
  private final ExtensionContext inbox;
  private final String crm;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Map<String, String> tagNames = new ConcurrentHashMap<>();
  private final Map<String, String> listNames = new ConcurrentHashMap<>();
  private final Map<String, String> automationNames = new ConcurrentHashMap<>();
  private final Map<String, String> stageNames = new ConcurrentHashMap<>();

  /**
   * @param settings one ActiveCampaign account (a per-account factory passes each account's own)
   * @param inbox the inbox's unit of work, whose database keeps the links
   */
  public ActiveCampaignConnector(ActiveCampaignSettings settings, ExtensionContext inbox) {
    this(settings, new ActiveCampaignApi(settings), inbox);
  }

  /** With the wire (and its pace) of another connector to the same CRM account. */
  ActiveCampaignConnector(
      ActiveCampaignSettings settings, ActiveCampaignApi api, ExtensionContext inbox) {
    this.settings = settings;
    this.api = api;
    this.inbox = inbox;
    this.crm = settings.crmKey();
  }

  // Contacts

  private record OurContact(String firstName, String lastName, String phone, String email) {}

  private Sql db() {
    return new Sql(inbox.transactionResource(JdbcUnitOfWork.class));
  }

  private Optional<String> linked(long contactId) {
    return db().one(
            "select crm_id from crm_contact_link where tenant_id = ? and crm = ? and contact_id = ?",
            rs -> rs.getString(1),
            inbox.accountId(),
            crm,
            contactId);
  }

  /** The CRM's id of our contact when the CRM has them (found by phone or email, then linked). */
  private Optional<String> existing(long contactId) {
    Optional<String> linked = linked(contactId);
    if (linked.isPresent()) {
      return linked;
    }
    Optional<OurContact> ours = ours(contactId);
    if (ours.isEmpty()) {
      return Optional.empty();
    }
    return found(ours.get()).map(crmId -> link(contactId, crmId));
  }

  /** The CRM's id of our contact, created (or synced by email) in the CRM when it has none. */
  private String ensured(long contactId) {
    Optional<String> existing = existing(contactId);
    if (existing.isPresent()) {
      return existing.get();
    }
    OurContact ours =
        ours(contactId)
            .orElseThrow(() -> new IllegalStateException("No contact " + contactId + " to link"));
    JsonObjectBuilder contact = Json.createObjectBuilder().add("phone", ours.phone());
    addIfPresent(contact, "email", ours.email());
    addIfPresent(contact, "firstName", ours.firstName());
    addIfPresent(contact, "lastName", ours.lastName());
    JsonObject body = Json.createObjectBuilder().add("contact", contact).build();
    // with an email, sync: ActiveCampaign updates the contact of that email or creates it
    JsonObject answer = api.post(ours.email() == null ? "contacts" : "contact/sync", body);
    return link(contactId, id(answer.getJsonObject("contact"), "id"));
  }

  private Optional<OurContact> ours(long contactId) {
    return db().one(
            "select first_name, last_name, phone, email from contact where id = ?",
            rs ->
                new OurContact(
                    rs.getString("first_name"),
                    rs.getString("last_name"),
                    rs.getString("phone"),
                    rs.getString("email")),
            contactId);
  }

  private Optional<String> found(OurContact ours) {
    // the phone filter matches numbers that start with the value: keep the same number only
    String digits = digits(ours.phone());
    Optional<String> byPhone =
        contacts(Map.of("phone", ours.phone())).stream()
            .filter(c -> digits.equals(digits(text(c, "phone"))))
            .map(c -> id(c, "id"))
            .findFirst();
    if (byPhone.isPresent() || ours.email() == null) {
      return byPhone;
    }
    return contacts(Map.of("email", ours.email())).stream().map(c -> id(c, "id")).findFirst();
  }

  private List<JsonObject> contacts(Map<String, String> filter) {
    JsonObject answer = api.get("contacts", filter);
    return answer.containsKey("contacts")
        ? answer.getJsonArray("contacts").getValuesAs(JsonObject.class)
        : List.of();
  }

  private String link(long contactId, String crmId) {
    db().insertUnlessPresent(
            "insert into crm_contact_link (tenant_id, crm, contact_id, crm_id, linked_at)"
                + " values (?, ?, ?, ?, ?)",
            inbox.accountId(),
            crm,
            contactId,
            crmId,
            inbox.clock().instant());
    return linked(contactId)
        .orElseThrow(
            () ->
                new CrmConnector.Failed(
                    "ActiveCampaign's contact "
                        + crmId
                        + " is already linked to another contact of the inbox (the same phone or"
                        + " email); merge the two contacts in ActiveCampaign or in the inbox"));
  }

  @Override
  public Optional<Long> contactKnownAs(String crmContactId) {
    return db().one(
            "select contact_id from crm_contact_link where tenant_id = ? and crm = ? and crm_id = ?",
            rs -> rs.getLong(1),
            inbox.accountId(),
            crm,
            crmContactId);
  }

  @Override
  public Optional<String> profileUrl(long contactId) {
    return linked(contactId).map(crmId -> settings.appUrl() + "/app/contacts/" + crmId);
  }

  // Tags

  @Override
  public List<Tag> tags() {
    return api.all("tags", "tags", Map.of()).stream()
        .filter(t -> "contact".equals(t.getString("tagType", "contact")))
        .map(this::tag)
        .sorted(Comparator.comparing(Tag::name, BY_NAME))
        .toList();
  }

  @Override
  public Optional<Tag> findTag(long tagId) {
    return api.find("tags/" + tagId).map(t -> tag(t.getJsonObject("tag")));
  }

  @Override
  public List<Tag> tagsOf(long contactId) {
    return existing(contactId)
        .map(
            crmId ->
                contactTags(crmId).stream()
                    .map(ct -> tagById(id(ct, "tag")))
                    .flatMap(Optional::stream)
                    .distinct()
                    .sorted(Comparator.comparing(Tag::name, BY_NAME))
                    .toList())
        .orElse(List.of());
  }

  @Override
  public Tag addTag(long contactId, String name, Instant at) {
    Tag tag =
        named(
            "tag",
            name,
            "tags",
            "tags",
            t -> t.getString("tag", ""),
            n ->
                Json.createObjectBuilder()
                    .add(
                        "tag",
                        Json.createObjectBuilder()
                            .add("tag", n)
                            .add("tagType", "contact")
                            .add("description", ""))
                    .build(),
            this::tag);
    String crmId = ensured(contactId);
    String tagId = Long.toString(tag.id());
    if (contactTags(crmId).stream().noneMatch(ct -> tagId.equals(id(ct, "tag")))) {
      api.post(
          "contactTags",
          Json.createObjectBuilder()
              .add("contactTag", Json.createObjectBuilder().add("contact", crmId).add("tag", tagId))
              .build());
    }
    return tag;
  }

  @Override
  public void removeTag(long contactId, long tagId) {
    String tag = Long.toString(tagId);
    existing(contactId)
        .ifPresent(
            crmId ->
                contactTags(crmId).stream()
                    .filter(ct -> tag.equals(id(ct, "tag")))
                    .forEach(ct -> api.delete("contactTags/" + id(ct, "id"))));
  }

  private List<JsonObject> contactTags(String crmId) {
    return items(api.get("contacts/" + crmId + "/contactTags", Map.of()), "contactTags");
  }

  private Tag tag(JsonObject tag) {
    String id = id(tag, "id");
    String name = tag.getString("tag", "");
    tagNames.put(id, name);
    return new Tag(number(id), name);
  }

  private Optional<Tag> tagById(String id) {
    String name = tagNames.get(id);
    return name != null ? Optional.of(new Tag(number(id), name)) : findTag(number(id));
  }

  // Accounts

  @Override
  public Optional<Account> findAccount(long accountId) {
    return api.find("accounts/" + accountId).map(a -> account(a.getJsonObject("account")));
  }

  @Override
  public Account accountNamed(String name, Instant at) {
    return named(
        "account",
        name,
        "accounts",
        "accounts",
        a -> a.getString("name", ""),
        n ->
            Json.createObjectBuilder()
                .add("account", Json.createObjectBuilder().add("name", n))
                .build(),
        ActiveCampaignConnector::account);
  }

  @Override
  public Optional<Account> accountOf(long contactId) {
    return existing(contactId)
        .flatMap(crmId -> accountContacts(crmId).stream().findFirst())
        .flatMap(ac -> findAccount(number(id(ac, "account"))));
  }

  @Override
  public void attach(long contactId, long accountId) {
    String crmId = ensured(contactId);
    String account = Long.toString(accountId);
    List<JsonObject> current = accountContacts(crmId);
    if (current.stream().anyMatch(ac -> account.equals(id(ac, "account")))) {
      return;
    }
    // a contact belongs to one account: leave the old one first
    current.forEach(ac -> api.delete("accountContacts/" + id(ac, "id")));
    api.post(
        "accountContacts",
        Json.createObjectBuilder()
            .add(
                "accountContact",
                Json.createObjectBuilder().add("contact", crmId).add("account", account))
            .build());
  }

  @Override
  public void detach(long contactId) {
    existing(contactId)
        .ifPresent(
            crmId ->
                accountContacts(crmId)
                    .forEach(ac -> api.delete("accountContacts/" + id(ac, "id"))));
  }

  private List<JsonObject> accountContacts(String crmId) {
    return items(api.get("accountContacts", Map.of("filters[contact]", crmId)), "accountContacts");
  }

  private static Account account(JsonObject account) {
    return new Account(number(id(account, "id")), account.getString("name", ""));
  }

  // SMS lists

  @Override
  public List<SmsList> lists() {
    return api.all("lists", "lists", Map.of()).stream()
        .map(this::list)
        .filter(this::isSmsList)
        .sorted(Comparator.comparing(SmsList::name, BY_NAME))
        .toList();
  }

  @Override
  public Optional<SmsList> findList(long listId) {
    return api.find("lists/" + listId)
        .map(l -> list(l.getJsonObject("list")))
        .filter(this::isSmsList);
  }

  private boolean isSmsList(SmsList list) {
    return settings.smsLists().isEmpty()
        || settings.smsLists().stream().anyMatch(n -> n.equalsIgnoreCase(list.name()));
  }

  private SmsList list(JsonObject list) {
    String id = id(list, "id");
    String name = list.getString("name", "");
    listNames.put(id, name);
    return new SmsList(number(id), name);
  }

  private Optional<SmsList> listById(String id) {
    String name = listNames.get(id);
    return name != null
        ? Optional.of(new SmsList(number(id), name)).filter(this::isSmsList)
        : findList(number(id));
  }

  /** ActiveCampaign's list statuses: 1 subscribed, 2 unsubscribed (0 unconfirmed, 3 bounced). */
  private static final String SUBSCRIBED = "1";

  private static final String UNSUBSCRIBED = "2";

  @Override
  public List<ListSubscription> subscriptionsOf(long contactId) {
    Optional<String> crmId = existing(contactId);
    if (crmId.isEmpty()) {
      return List.of();
    }
    Map<String, Change> subscribed = changes(contactId, "subscribed");
    Map<String, Change> unsubscribed = changes(contactId, "unsubscribed");
    return contactLists(crmId.get()).stream()
        .filter(cl -> SUBSCRIBED.equals(id(cl, "status")) || UNSUBSCRIBED.equals(id(cl, "status")))
        .flatMap(
            cl ->
                listById(id(cl, "list")).stream()
                    .map(
                        list -> {
                          String listId = id(cl, "list");
                          boolean on = SUBSCRIBED.equals(id(cl, "status"));
                          Consent in =
                              consent(subscribed.get(listId), text(cl, "sdate"), text(cl, "cdate"));
                          Consent out =
                              on
                                  ? null
                                  : consent(
                                      unsubscribed.get(listId),
                                      text(cl, "udate"),
                                      text(cl, "updated_timestamp"));
                          return new ListSubscription(
                              list,
                              on ? SubscriptionState.SUBSCRIBED : SubscriptionState.UNSUBSCRIBED,
                              in,
                              out);
                        }))
        .sorted(Comparator.comparing(s -> s.list().name(), BY_NAME))
        .toList();
  }

  @Override
  public void subscribe(long contactId, long listId, Consent consent) {
    String crmId = ensured(contactId);
    String list = Long.toString(listId);
    if (SUBSCRIBED.equals(statusOn(crmId, list))) {
      return; // already subscribed: the first consent stands
    }
    contactList(crmId, list, SUBSCRIBED);
    record(contactId, "subscribed", list, consent.at(), consent.by(), consent.source());
    forget(contactId, "unsubscribed", list);
  }

  @Override
  public void unsubscribe(long contactId, long listId, Consent consent) {
    Optional<String> crmId = existing(contactId);
    String list = Long.toString(listId);
    if (crmId.isEmpty() || !SUBSCRIBED.equals(statusOn(crmId.get(), list))) {
      return; // not on the list: nothing to end
    }
    contactList(crmId.get(), list, UNSUBSCRIBED);
    record(contactId, "unsubscribed", list, consent.at(), consent.by(), consent.source());
  }

  private String statusOn(String crmId, String list) {
    return contactLists(crmId).stream()
        .filter(cl -> list.equals(id(cl, "list")))
        .map(cl -> id(cl, "status"))
        .findFirst()
        .orElse(null);
  }

  private void contactList(String crmId, String list, String status) {
    api.post(
        "contactLists",
        Json.createObjectBuilder()
            .add(
                "contactList",
                Json.createObjectBuilder()
                    .add("list", list)
                    .add("contact", crmId)
                    .add("status", Integer.parseInt(status)))
            .build());
  }

  private List<JsonObject> contactLists(String crmId) {
    return items(api.get("contacts/" + crmId + "/contactLists", Map.of()), "contactLists");
  }

  // Automations

  @Override
  public List<Automation> automations() {
    return api.all("automations", "automations", Map.of()).stream()
        .map(this::automation)
        .sorted(Comparator.comparing(Automation::name, BY_NAME))
        .toList();
  }

  @Override
  public Optional<Automation> findAutomation(long automationId) {
    return api.find("automations/" + automationId)
        .map(a -> automation(a.getJsonObject("automation")));
  }

  @Override
  public List<AutomationEnrolment> enrolmentsOf(long contactId) {
    Optional<String> crmId = existing(contactId);
    if (crmId.isEmpty()) {
      return List.of();
    }
    Map<String, Change> enrolled = changes(contactId, "enrolled");
    return contactAutomations(crmId.get()).stream()
        .flatMap(
            ca ->
                automationById(id(ca, "automation")).stream()
                    .map(
                        automation -> {
                          Change ours = enrolled.get(id(ca, "automation"));
                          return ours != null
                              ? new AutomationEnrolment(automation, ours.at(), ours.by())
                              : new AutomationEnrolment(
                                  automation, instant(text(ca, "adddate")), BY_THE_CRM);
                        }))
        .sorted(Comparator.comparing(AutomationEnrolment::enrolledAt))
        .toList();
  }

  @Override
  public Optional<AutomationEnrolment> enrol(
      long contactId, long automationId, String by, Instant at) {
    String crmId = ensured(contactId);
    String automation = Long.toString(automationId);
    if (contactAutomations(crmId).stream()
        .anyMatch(ca -> automation.equals(id(ca, "automation")))) {
      return Optional.empty();
    }
    Optional<Automation> found = automationById(automation);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    api.post(
        "contactAutomations",
        Json.createObjectBuilder()
            .add(
                "contactAutomation",
                Json.createObjectBuilder().add("contact", crmId).add("automation", automation))
            .build());
    record(contactId, "enrolled", automation, at, by, "inbox");
    return Optional.of(new AutomationEnrolment(found.get(), at, by));
  }

  /**
   * Takes the contact out of the automation (DELETE of its contactAutomation); false when they were
   * not in it.
   */
  @Override
  public boolean removeFromAutomation(long contactId, long automationId) {
    String automation = Long.toString(automationId);
    Optional<String> crmId = existing(contactId);
    if (crmId.isEmpty()) {
      return false;
    }
    List<JsonObject> theirs =
        contactAutomations(crmId.get()).stream()
            .filter(ca -> automation.equals(id(ca, "automation")))
            .toList();
    theirs.forEach(ca -> api.delete("contactAutomations/" + id(ca, "id")));
    forget(contactId, "enrolled", automation);
    return !theirs.isEmpty();
  }

  private List<JsonObject> contactAutomations(String crmId) {
    return items(
        api.get("contacts/" + crmId + "/contactAutomations", Map.of()), "contactAutomations");
  }

  private Automation automation(JsonObject automation) {
    String id = id(automation, "id");
    String name = automation.getString("name", "");
    automationNames.put(id, name);
    return new Automation(number(id), name);
  }

  private Optional<Automation> automationById(String id) {
    String name = automationNames.get(id);
    return name != null
        ? Optional.of(new Automation(number(id), name))
        : findAutomation(number(id));
  }

  // Deals

  @Override
  public List<Deal> dealsOf(long contactId) {
    Optional<String> crmId = existing(contactId);
    if (crmId.isEmpty()) {
      return List.of();
    }
    Map<String, Change> opened = changes(contactId, "deal");
    return items(api.get("contacts/" + crmId.get() + "/deals", Map.of()), "deals").stream()
        .map(d -> deal(d, opened.get(id(d, "id"))))
        .sorted(Comparator.comparingLong(Deal::id))
        .toList();
  }

  @Override
  public Deal createDeal(long contactId, NewDeal deal, String by, Instant at) {
    String crmId = ensured(contactId);
    String stage = stageFor(deal.stage());
    JsonObject answer =
        api.post(
            "deals",
            Json.createObjectBuilder()
                .add(
                    "deal",
                    Json.createObjectBuilder()
                        .add("contact", crmId)
                        .add("title", deal.title())
                        .add("value", cents(deal.value()))
                        .add("currency", deal.currency().toLowerCase(Locale.ROOT))
                        .add("group", settings.pipeline())
                        .add("stage", stage)
                        .add("owner", settings.owner())
                        .add("status", 0))
                .build());
    String dealId = id(answer.getJsonObject("deal"), "id");
    record(contactId, "deal", dealId, at, by, "inbox");
    return deal(answer.getJsonObject("deal"), new Change(at, by, "inbox"));
  }

  /** The pipeline's stage of that name regardless of case, else the configured stage. */
  private String stageFor(String name) {
    return api
        .all("dealStages", "dealStages", Map.of("filters[d_groupid]", settings.pipeline()))
        .stream()
        .peek(s -> stageNames.put(id(s, "id"), s.getString("title", "")))
        .filter(s -> name != null && name.equalsIgnoreCase(s.getString("title", "")))
        .map(s -> id(s, "id"))
        .findFirst()
        .orElse(settings.stage());
  }

  private String stageName(String id) {
    if (id == null) {
      return null;
    }
    return stageNames.computeIfAbsent(
        id,
        key ->
            api.find("dealStages/" + key)
                .map(s -> s.getJsonObject("dealStage").getString("title", key))
                .orElse(key));
  }

  private Deal deal(JsonObject deal, Change ours) {
    String currency = text(deal, "currency");
    return new Deal(
        number(id(deal, "id")),
        text(deal, "title"),
        amount(text(deal, "value")),
        currency == null ? null : currency.toUpperCase(Locale.ROOT),
        stageName(id(deal, "stage")),
        status(id(deal, "status")),
        ours != null ? ours.at() : instant(text(deal, "cdate")));
  }

  /** ActiveCampaign keeps deal values in cents. */
  static long cents(BigDecimal value) {
    return value.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  static BigDecimal amount(String cents) {
    if (cents == null || cents.isBlank()) {
      return BigDecimal.ZERO;
    }
    BigDecimal value = new BigDecimal(cents.strip()).movePointLeft(2).stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0) : value;
  }

  private static DealStatus status(String status) {
    return switch (status == null ? "0" : status) {
      case "1" -> DealStatus.WON;
      case "2" -> DealStatus.LOST;
      default -> DealStatus.OPEN;
    };
  }

  // What the CRM does not record

  private record Change(Instant at, String by, String source) {}

  private Map<String, Change> changes(long contactId, String kind) {
    return db()
        .query(
            "select crm_id, changed_at, changed_by, source from crm_change_record"
                + " where crm = ? and contact_id = ? and kind = ?",
            rs ->
                Map.entry(
                    rs.getString("crm_id"),
                    new Change(
                        Sql.instant(rs, "changed_at"),
                        rs.getString("changed_by"),
                        rs.getString("source"))),
            crm,
            contactId,
            kind)
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
  }

  private void record(
      long contactId, String kind, String crmId, Instant at, String by, String source) {
    forget(contactId, kind, crmId);
    db().update(
            "insert into crm_change_record (tenant_id, crm, contact_id, kind, crm_id, changed_at,"
                + " changed_by, source) values (?, ?, ?, ?, ?, ?, ?, ?)",
            inbox.accountId(),
            crm,
            contactId,
            kind,
            crmId,
            at,
            by,
            source);
  }

  private void forget(long contactId, String kind, String crmId) {
    db().update(
            "delete from crm_change_record where crm = ? and contact_id = ? and kind = ?"
                + " and crm_id = ?",
            crm,
            contactId,
            kind,
            crmId);
  }

  private static Consent consent(Change ours, String date, String fallbackDate) {
    if (ours != null) {
      return new Consent(ours.at(), ours.by(), ours.source());
    }
    Instant at = instant(date != null ? date : fallbackDate);
    return new Consent(at, BY_THE_CRM, FROM_THE_CRM);
  }

  // Shared

  /**
   * The item of that name regardless of case, created when the CRM has none. One creation per name
   * at a time in this instance; a 422 (another client created it meanwhile) reads the winner's.
   */
  private <T> T named(
      String kind,
      String name,
      String path,
      String key,
      Function<JsonObject, String> nameOf,
      Function<String, JsonObject> create,
      Function<JsonObject, T> item) {
    String trimmed = name.strip();
    Object lock =
        locks.computeIfAbsent(kind + ":" + trimmed.toLowerCase(Locale.ROOT), k -> new Object());
    synchronized (lock) {
      Optional<T> existing = search(trimmed, path, key, nameOf, item);
      if (existing.isPresent()) {
        return existing.get();
      }
      try {
        JsonObject answer = api.post(path, create.apply(trimmed));
        return item.apply(answer.getJsonObject(kind));
      } catch (ActiveCampaignApi.Refused duplicate) {
        return search(trimmed, path, key, nameOf, item).orElseThrow(() -> duplicate);
      }
    }
  }

  private <T> Optional<T> search(
      String name,
      String path,
      String key,
      Function<JsonObject, String> nameOf,
      Function<JsonObject, T> item) {
    return api.all(path, key, Map.of("search", name)).stream()
        .filter(i -> name.equalsIgnoreCase(nameOf.apply(i).strip()))
        .map(item)
        .findFirst();
  }

  private static List<JsonObject> items(JsonObject answer, String key) {
    JsonValue items = answer.get(key);
    return items == null || items.getValueType() != JsonValue.ValueType.ARRAY
        ? List.of()
        : items.asJsonArray().getValuesAs(JsonObject.class);
  }

  private static void addIfPresent(JsonObjectBuilder builder, String key, String value) {
    if (value != null && !value.isBlank()) {
      builder.add(key, value);
    }
  }

  private static String digits(String phone) {
    return phone == null ? "" : phone.replaceAll("[^0-9]", "");
  }

  /** ActiveCampaign's ids are strings of digits; the inbox's are numbers. */
  static long number(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException | NullPointerException e) {
      throw new CrmConnector.Failed("ActiveCampaign answered an id that is not a number: " + id);
    }
  }

  /** ActiveCampaign's dates: ISO-8601 with an offset, or "2021-05-12 07:00:00" (UTC assumed). */
  static Instant instant(String date) {
    if (date == null || date.isBlank()) {
      return Instant.EPOCH;
    }
    try {
      return OffsetDateTime.parse(date.strip()).toInstant();
    } catch (RuntimeException notIso) {
      try {
        return LocalDateTime.parse(date.strip().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      } catch (RuntimeException unreadable) {
        return Instant.EPOCH;
      }
    }
  }
}
