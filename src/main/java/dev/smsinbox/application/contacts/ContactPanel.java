package dev.smsinbox.application.contacts;

import dev.smsinbox.application.Audit;
import dev.smsinbox.application.Caller;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.CrmConnectors;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.RequestRefused.Reason;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.ContactRepository;
import dev.smsinbox.domain.OptOut;
import dev.smsinbox.domain.crm.Account;
import dev.smsinbox.domain.crm.Automation;
import dev.smsinbox.domain.crm.AutomationEnrolment;
import dev.smsinbox.domain.crm.Consent;
import dev.smsinbox.domain.crm.Deal;
import dev.smsinbox.domain.crm.ListSubscription;
import dev.smsinbox.domain.crm.NewDeal;
import dev.smsinbox.domain.crm.PanelAction;
import dev.smsinbox.domain.crm.Plan;
import dev.smsinbox.domain.crm.SmsList;
import dev.smsinbox.domain.crm.Tag;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The contact panel's use cases (F8): the condensed record and its actions, each checked against
 * the plan (F9) and the input before the CRM connector is called, each in one unit of work.
 */
public class ContactPanel {

  private final UnitOfWork unitOfWork;
  private final ContactRepository contacts;
  private final CrmConnectors crms;
  private final OptOutRegistry optOuts;
  private final Audit audit;
  private final AutomationEvents automationEvents;
  private final Plan plan;
  private final String profileUrlTemplate;
  private final Clock clock;

  public ContactPanel(
      UnitOfWork unitOfWork,
      ContactRepository contacts,
      CrmConnectors crms,
      OptOutRegistry optOuts,
      Audit audit,
      AutomationEvents automationEvents,
      Plan plan,
      String profileUrlTemplate,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.contacts = contacts;
    this.crms = crms;
    this.optOuts = optOuts;
    this.audit = audit;
    this.automationEvents = automationEvents;
    this.plan = plan;
    this.profileUrlTemplate = profileUrlTemplate;
    this.clock = clock;
  }

  /** The caller's plan: the token's {@code plan} claim when it has one, else the configured. */
  public Plan plan(Caller caller) {
    return caller.plan().orElse(plan);
  }

  public ContactRecord record(Caller caller, long contactId) {
    Plan plan = plan(caller);
    CrmConnector crm = crm(caller);
    return unitOfWork.inTransaction(
        () -> {
          Contact contact = contact(caller, contactId);
          List<Tag> tags = plan.allows(PanelAction.TAGS) ? crm.tagsOf(contactId) : List.of();
          Account account =
              plan.allows(PanelAction.ACCOUNT) ? crm.accountOf(contactId).orElse(null) : null;
          List<ListSubscription> lists =
              plan.allows(PanelAction.LISTS) ? standings(crm, contactId) : List.of();
          List<AutomationEnrolment> enrolments =
              plan.allows(PanelAction.AUTOMATIONS) ? crm.enrolmentsOf(contactId) : List.of();
          List<Deal> deals = plan.allows(PanelAction.DEALS) ? crm.dealsOf(contactId) : List.of();
          // after the CRM calls: a remote CRM has found (and linked) the contact by then
          return new ContactRecord(
              contact,
              crm.profileUrl(contactId).orElseGet(() -> profileUrl(contact)),
              plan,
              ContactRecord.Allowed.by(plan),
              tags,
              account,
              lists,
              enrolments,
              deals,
              optOuts.find(caller.accountId(), contact.phone()).orElse(null));
        });
  }

  // Tags

  public Tag addTag(Caller caller, long contactId, String name) {
    require(caller, PanelAction.TAGS);
    String tag = name(name, 100, "tag");
    return unitOfWork.inTransaction(
        () -> {
          contact(caller, contactId);
          Tag added = crm(caller).addTag(contactId, tag, clock.instant());
          audit.record(caller, "contact.tag-added", contactId, null, "Tag '" + tag + "' added");
          return added;
        });
  }

  public void removeTag(Caller caller, long contactId, long tagId) {
    require(caller, PanelAction.TAGS);
    CrmConnector crm = crm(caller);
    unitOfWork.run(
        () -> {
          contact(caller, contactId);
          Tag tag =
              crm.findTag(tagId)
                  .orElseThrow(
                      () ->
                          RequestRefused.notFound(
                              "There is no tag "
                                  + tagId
                                  + "; the contact's tags are in its record."));
          crm.removeTag(contactId, tagId);
          audit.record(
              caller, "contact.tag-removed", contactId, null, "Tag '" + tag.name() + "' removed");
        });
  }

  // Account

  /** Attaches the contact to account {@code accountId}, or to the account named {@code name}. */
  public Account attachAccount(Caller caller, long contactId, Long accountId, String name) {
    require(caller, PanelAction.ACCOUNT);
    CrmConnector crm = crm(caller);
    if (accountId == null && (name == null || name.isBlank())) {
      throw RequestRefused.invalid(
          "Send {\"accountId\": …} to attach an existing account, or {\"name\": …} to attach to"
              + " the account of that name (created if there is none).");
    }
    String accountName = accountId == null ? name(name, 200, "account") : null;
    return unitOfWork.inTransaction(
        () -> {
          contact(caller, contactId);
          Account account =
              accountId != null
                  ? crm.findAccount(accountId)
                      .orElseThrow(
                          () ->
                              RequestRefused.notFound(
                                  "There is no account "
                                      + accountId
                                      + "; send {\"name\": …} to create one."))
                  : crm.accountNamed(accountName, clock.instant());
          crm.attach(contactId, account.id());
          audit.record(
              caller,
              "contact.account-attached",
              contactId,
              null,
              "Attached to account '" + account.name() + "'");
          return account;
        });
  }

  public void detachAccount(Caller caller, long contactId) {
    require(caller, PanelAction.ACCOUNT);
    unitOfWork.run(
        () -> {
          contact(caller, contactId);
          crm(caller).detach(contactId);
          audit.record(caller, "contact.account-detached", contactId, null, "Account detached");
        });
  }

  // SMS lists

  public List<ListSubscription> lists(Caller caller, long contactId) {
    require(caller, PanelAction.LISTS);
    return unitOfWork.inTransaction(
        () -> {
          contact(caller, contactId);
          return standings(crm(caller), contactId);
        });
  }

  /**
   * Subscribes the contact with the admin's consent record. A contact who texted STOP can only opt
   * back in themselves (START): an admin may not override that.
   */
  public ListSubscription subscribe(Caller caller, long contactId, long listId) {
    require(caller, PanelAction.LISTS);
    CrmConnector crm = crm(caller);
    return unitOfWork.inTransaction(
        () -> {
          Contact contact = contact(caller, contactId);
          SmsList list = list(crm, listId);
          Optional<OptOut> optOut = optOuts.find(caller.accountId(), contact.phone());
          if (optOut.isPresent()) {
            throw RequestRefused.conflict(
                ContactNames.of(contact)
                    + " "
                    + OptOutRegistry.replied(optOut.get())
                    + " and is opted out of all SMS lists; only they can opt back in, by texting"
                    + " START to your number.");
          }
          crm.subscribe(
              contactId, listId, new Consent(clock.instant(), caller.name(), Consent.INBOX));
          audit.record(
              caller, "contact.subscribed", contactId, null, "Subscribed to '" + list.name() + "'");
          return standing(crm, contactId, list);
        });
  }

  public ListSubscription unsubscribe(Caller caller, long contactId, long listId) {
    require(caller, PanelAction.LISTS);
    CrmConnector crm = crm(caller);
    return unitOfWork.inTransaction(
        () -> {
          contact(caller, contactId);
          SmsList list = list(crm, listId);
          crm.unsubscribe(
              contactId, listId, new Consent(clock.instant(), caller.name(), Consent.INBOX));
          audit.record(
              caller,
              "contact.unsubscribed",
              contactId,
              null,
              "Unsubscribed from '" + list.name() + "'");
          return standing(crm, contactId, list);
        });
  }

  // Automations

  public List<Automation> automations(Caller caller) {
    require(caller, PanelAction.AUTOMATIONS);
    CrmConnector crm = crm(caller);
    return unitOfWork.inTransaction(crm::automations);
  }

  /** Adds the contact; integrators hear of it once it is committed. */
  /**
   * Takes the contact out of the automation (the CRM stops its steps for them); 404 when they are
   * not in it.
   */
  public void unenrol(Caller caller, long contactId, long automationId) {
    require(caller, PanelAction.AUTOMATIONS);
    CrmConnector crm = crm(caller);
    unitOfWork.run(
        () -> {
          Contact contact = contact(caller, contactId);
          Automation automation =
              crm.findAutomation(automationId)
                  .orElseThrow(
                      () ->
                          RequestRefused.notFound(
                              "There is no automation "
                                  + automationId
                                  + "; GET /api/automations lists them."));
          if (!crm.removeFromAutomation(contactId, automationId)) {
            throw RequestRefused.notFound(
                ContactNames.of(contact)
                    + " is not in the automation '"
                    + automation.name()
                    + "'; nothing was changed.");
          }
          audit.record(
              caller,
              "contact.unenrolled",
              contactId,
              null,
              "Taken out of automation '" + automation.name() + "'");
        });
  }

  public AutomationEnrolment enrol(Caller caller, long contactId, long automationId) {
    require(caller, PanelAction.AUTOMATIONS);
    CrmConnector crm = crm(caller);
    return unitOfWork.inTransaction(
        () -> {
          Contact contact = contact(caller, contactId);
          Automation automation =
              crm.findAutomation(automationId)
                  .orElseThrow(
                      () ->
                          RequestRefused.notFound(
                              "There is no automation "
                                  + automationId
                                  + "; GET /api/automations lists them."));
          AutomationEnrolment enrolment =
              crm.enrol(contactId, automationId, caller.name(), clock.instant())
                  .orElseThrow(
                      () ->
                          RequestRefused.conflict(
                              ContactNames.of(contact)
                                  + " is already in the automation '"
                                  + automation.name()
                                  + "'; nothing was changed."));
          audit.record(
              caller,
              "contact.enrolled",
              contactId,
              null,
              "Enrolled in automation '" + automation.name() + "'");
          automationEvents.enrolled(
              caller.accountId(),
              new AutomationEvents.Enrolled(
                  contactId,
                  automation.id(),
                  automation.name(),
                  enrolment.enrolledAt(),
                  enrolment.enrolledBy()));
          return enrolment;
        });
  }

  // Deals

  public List<Deal> deals(Caller caller, long contactId) {
    require(caller, PanelAction.DEALS);
    return unitOfWork.inTransaction(
        () -> {
          contact(caller, contactId);
          return crm(caller).dealsOf(contactId);
        });
  }

  public Deal createDeal(Caller caller, long contactId, NewDeal deal) {
    require(caller, PanelAction.DEALS);
    NewDeal valid = valid(deal);
    return unitOfWork.inTransaction(
        () -> {
          contact(caller, contactId);
          Deal created = crm(caller).createDeal(contactId, valid, caller.name(), clock.instant());
          audit.record(
              caller,
              "contact.deal-created",
              contactId,
              null,
              "Deal '"
                  + valid.title()
                  + "' ("
                  + valid.value().toPlainString()
                  + " "
                  + valid.currency()
                  + ")");
          return created;
        });
  }

  // Checks

  private CrmConnector crm(Caller caller) {
    return crms.forAccount(caller.accountId());
  }

  private void require(Caller caller, PanelAction action) {
    Plan plan = plan(caller);
    if (!plan.allows(action)) {
      List<String> upgrades = Plan.including(action).stream().map(Plan::displayName).toList();
      throw new RequestRefused(
          Reason.FORBIDDEN_BY_PLAN,
          action.displayName()
              + " are not available on the "
              + plan.displayName()
              + " plan. Upgrade to "
              + String.join(", ", upgrades.subList(0, upgrades.size() - 1))
              + " or "
              + upgrades.get(upgrades.size() - 1)
              + " to use them from the inbox.");
    }
  }

  /** The caller's account's contact; another account's is not found. */
  private Contact contact(Caller caller, long contactId) {
    return contacts
        .find(caller.accountId(), contactId)
        .orElseThrow(() -> RequestRefused.notFound("There is no contact " + contactId + "."));
  }

  private static SmsList list(CrmConnector crm, long listId) {
    return crm.findList(listId)
        .orElseThrow(
            () ->
                RequestRefused.notFound(
                    "There is no SMS list "
                        + listId
                        + "; the contact's record lists the SMS lists there are."));
  }

  private static List<ListSubscription> standings(CrmConnector crm, long contactId) {
    Map<Long, ListSubscription> theirs =
        crm.subscriptionsOf(contactId).stream()
            .collect(Collectors.toMap(s -> s.list().id(), Function.identity()));
    return crm.lists().stream()
        .map(l -> theirs.getOrDefault(l.id(), new ListSubscription(l, null, null, null)))
        .toList();
  }

  private static ListSubscription standing(CrmConnector crm, long contactId, SmsList list) {
    return standings(crm, contactId).stream()
        .filter(s -> s.list().id() == list.id())
        .findFirst()
        .orElse(new ListSubscription(list, null, null, null));
  }

  private String profileUrl(Contact contact) {
    return profileUrlTemplate
        .replace("{id}", Long.toString(contact.id()))
        .replace("{phone}", URLEncoder.encode(contact.phone(), StandardCharsets.UTF_8));
  }

  private static String name(String name, int max, String what) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty()) {
      throw RequestRefused.invalid("The " + what + " name is empty: send {\"name\": \"…\"}.");
    }
    if (trimmed.length() > max) {
      throw RequestRefused.invalid(
          "The " + what + " name is " + trimmed.length() + " characters; the most is " + max + ".");
    }
    return trimmed;
  }

  static NewDeal valid(NewDeal deal) {
    if (deal == null || deal.title() == null || deal.title().isBlank()) {
      throw RequestRefused.invalid(
          "A deal needs a title: send {\"title\", \"value\", \"currency\", \"stage\"}.");
    }
    String title = deal.title().strip();
    if (title.length() > 200) {
      throw RequestRefused.invalid("The deal title is too long: 200 characters at most.");
    }
    BigDecimal value = deal.value();
    if (value == null || value.signum() < 0) {
      throw RequestRefused.invalid(
          "A deal needs a value of 0 or more, e.g. \"value\": 1200.50"
              + (value == null ? "." : "; " + value.toPlainString() + " is negative."));
    }
    if (deal.currency() == null || deal.currency().isBlank()) {
      throw RequestRefused.invalid(
          "A deal needs a currency: an ISO 4217 code such as USD, EUR or GBP.");
    }
    Currency currency;
    try {
      currency = Currency.getInstance(deal.currency().strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw RequestRefused.invalid(
          "'"
              + deal.currency()
              + "' is not an ISO 4217 currency code; use one such as USD, EUR or GBP.");
    }
    int digits = currency.getDefaultFractionDigits() < 0 ? 4 : currency.getDefaultFractionDigits();
    BigDecimal normal = value.stripTrailingZeros();
    if (normal.scale() > digits) {
      throw RequestRefused.invalid(
          currency.getCurrencyCode()
              + " amounts have "
              + digits
              + " decimal place(s); "
              + value.toPlainString()
              + " has more.");
    }
    if (normal.precision() - normal.scale() > 15) {
      throw RequestRefused.invalid("The deal value is too large: 15 digits before the point.");
    }
    String stage = deal.stage() == null || deal.stage().isBlank() ? "New" : deal.stage().strip();
    if (stage.length() > 100) {
      throw RequestRefused.invalid("The deal stage is too long: 100 characters at most.");
    }
    return new NewDeal(title, value, currency.getCurrencyCode(), stage);
  }
}
