package dev.smsinbox.application.contacts;

import dev.smsinbox.application.Audit;
import dev.smsinbox.application.Caller;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.CrmConnectors;
import dev.smsinbox.application.port.InboxEvents;
import dev.smsinbox.application.port.InboxTelemetry;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.ContactRepository;
import dev.smsinbox.domain.OptOut;
import dev.smsinbox.domain.crm.CrmNotice;
import dev.smsinbox.domain.crm.CrmWebhookRepository;
import dev.smsinbox.sms.PhoneNumbers;
import dev.smsinbox.support.Masked;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * What the CRM tells the inbox by webhook keeps the inbox true (issue 20): a contact who left an
 * SMS list there is opted out here (no SMS from the account until they text START), new names and
 * email replace ours, and a tag added or removed there makes the screens read the panel again (the
 * panel reads tags from the CRM itself). The webhook's address carries the account's secret token:
 * it says whose contacts these are, and nothing else reaches another account's. A second delivery
 * of the same webhook (the CRM delivers "at least once") changes nothing.
 */
public class CrmWebhooks {

  private static final Logger LOG = Logger.getLogger(CrmWebhooks.class.getName());

  /** Live event: a contact changed outside the inbox; the screens showing them read them again. */
  public static final String CONTACT_CHANGED = "contact.changed";

  /** How long a received webhook is remembered to recognise a second delivery of it. */
  static final Duration REMEMBERED = Duration.ofDays(7);

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The live event's payload: which contact, what changed ({@code opted-out} …), by whom. */
  public record ContactChanged(long contactId, String change, String by) {}

  /** What came of a webhook. */
  public enum Outcome {
    APPLIED,
    IGNORED,
    DUPLICATE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What came of a webhook, and why, in words for the log and the answer. */
  public record Result(Outcome outcome, String detail) {}

  private final UnitOfWork unitOfWork;
  private final CrmWebhookRepository webhooks;
  private final CrmConnectors crms;
  private final ContactRepository contacts;
  private final OptOutRegistry optOuts;
  private final InboxEvents events;
  private final Audit audit;
  private final InboxTelemetry telemetry;
  private final Clock clock;

  public CrmWebhooks(
      UnitOfWork unitOfWork,
      CrmWebhookRepository webhooks,
      CrmConnectors crms,
      ContactRepository contacts,
      OptOutRegistry optOuts,
      InboxEvents events,
      Audit audit,
      InboxTelemetry telemetry,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.webhooks = webhooks;
    this.crms = crms;
    this.contacts = contacts;
    this.optOuts = optOuts;
    this.events = events;
    this.audit = audit;
    this.telemetry = telemetry;
    this.clock = clock;
  }

  /** The account's webhook token, made on first read. */
  public String token(Caller caller) {
    return unitOfWork.inTransaction(
        () -> webhooks.tokenOrNew(caller.accountId(), newToken(), clock.instant()));
  }

  /** A new token for the account: the address pasted into the CRM before stops working at once. */
  public String rotate(Caller caller) {
    String token = newToken();
    unitOfWork.run(
        () -> {
          webhooks.saveToken(caller.accountId(), token, clock.instant());
          audit.record(
              caller,
              "settings.crm-webhook-rotated",
              null,
              null,
              "New address for the CRM's webhooks; the one before no longer works");
        });
    return token;
  }

  /** 32 random bytes, URL-safe: guessing one is hopeless, so a wrong one needs no throttle. */
  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Applies a webhook posted to the token's address.
   *
   * @param crmName the CRM's name as people know it ({@code ActiveCampaign}), for the records
   * @param digest identifies this webhook's content: a second delivery has the same one
   * @throws RequestRefused not found when no account has that token (whether one had it before is
   *     not told)
   */
  public Result received(String token, String crmName, CrmNotice notice, String digest) {
    Result result =
        unitOfWork.inTransaction(
            () -> {
              String account =
                  webhooks
                      .accountOf(token)
                      .orElseThrow(
                          () ->
                              RequestRefused.notFound(
                                  "No webhook of the inbox has this address; copy the address"
                                      + " shown by GET /api/settings/crm."));
              if (!webhooks.firstReceipt(account, digest, clock.instant())) {
                return new Result(Outcome.DUPLICATE, "received before; nothing changed");
              }
              webhooks.forgetReceiptsBefore(account, clock.instant().minus(REMEMBERED));
              Result applied = apply(account, crmName, notice);
              LOG.info(
                  () ->
                      crmName
                          + " webhook '"
                          + notice.type()
                          + "' for account "
                          + account
                          + ": "
                          + applied.outcome().label()
                          + ", "
                          + applied.detail());
              return applied;
            });
    telemetry.crmWebhook(
        notice.kind() == CrmNotice.Kind.OTHER ? "other" : notice.type(), result.outcome().label());
    return result;
  }

  private Result apply(String account, String crmName, CrmNotice notice) {
    Caller crm = new Caller("crm-webhook", crmName, null, account, Set.of(), Optional.empty());
    return switch (notice.kind()) {
      case OTHER -> ignored("the inbox has no use for '" + notice.type() + "' events");
      case UNSUBSCRIBED -> unsubscribed(account, crm, notice, true);
      case SMS_UNSUBSCRIBED -> unsubscribed(account, crm, notice, false);
      case CONTACT_UPDATED -> updated(account, crm, notice);
      case TAG_ADDED, TAG_REMOVED -> tagged(account, notice);
    };
  }

  private Result unsubscribed(String account, Caller crm, CrmNotice notice, boolean fromAList) {
    CrmConnector connector = crms.forAccount(account);
    if (fromAList && notice.listId() != null) {
      long list;
      try {
        list = Long.parseLong(notice.listId());
      } catch (NumberFormatException e) {
        return ignored("list '" + notice.listId() + "' is not a list id");
      }
      if (connector.findList(list).isEmpty()) {
        return ignored("list " + notice.listId() + " is not one of the SMS lists");
      }
    }
    Optional<Contact> contact = contact(account, connector, notice);
    Optional<String> phone =
        contact
            .map(Contact::phone)
            .or(
                () ->
                    Optional.ofNullable(notice.phone()).flatMap(p -> PhoneNumbers.toE164(p, "US")));
    if (phone.isEmpty()) {
      return ignored("the contact has no phone number the inbox knows");
    }
    boolean opted =
        optOuts.optOut(account, phone.get(), OptOut.inTheCrm(crm.name()), notice.at(), null);
    if (!opted) {
      return ignored(Masked.phone(phone.get()) + " was opted out already");
    }
    Long contactId = contact.map(Contact::id).orElse(null);
    audit.record(
        crm,
        "contact.opted-out",
        contactId,
        null,
        "Unsubscribed in "
            + crm.name()
            + (notice.listId() == null ? "" : " (list " + notice.listId() + ")")
            + ": no SMS until they text START");
    if (contactId != null) {
      events.publish(
          account, CONTACT_CHANGED, new ContactChanged(contactId, "opted-out", crm.name()));
    }
    return new Result(Outcome.APPLIED, "opted out " + Masked.phone(phone.get()));
  }

  private Result updated(String account, Caller crm, CrmNotice notice) {
    Optional<Contact> found = contact(account, crms.forAccount(account), notice);
    if (found.isEmpty()) {
      return ignored("not a contact of the inbox");
    }
    Contact contact = found.get();
    String first = field(notice.firstName(), 100, contact.firstName());
    String last = field(notice.lastName(), 100, contact.lastName());
    String email = email(notice.email(), contact.email());
    if (Objects.equals(first, contact.firstName())
        && Objects.equals(last, contact.lastName())
        && Objects.equals(email, contact.email())) {
      return ignored("contact " + contact.id() + " already has these details");
    }
    contacts.update(contact.id(), first, last, email);
    audit.record(
        crm,
        "contact.updated",
        contact.id(),
        null,
        "Contact's name or email updated in " + crm.name());
    events.publish(
        account, CONTACT_CHANGED, new ContactChanged(contact.id(), "updated", crm.name()));
    return new Result(Outcome.APPLIED, "contact " + contact.id() + " updated");
  }

  private Result tagged(String account, CrmNotice notice) {
    Optional<Contact> found = contact(account, crms.forAccount(account), notice);
    if (found.isEmpty()) {
      return ignored("not a contact of the inbox");
    }
    long id = found.get().id();
    // The panel reads tags from the CRM: the screens showing the contact read it again.
    events.publish(account, CONTACT_CHANGED, new ContactChanged(id, "tags", notice.tag()));
    return new Result(
        Outcome.APPLIED,
        "tag '"
            + notice.tag()
            + "' "
            + (notice.kind() == CrmNotice.Kind.TAG_ADDED ? "added to" : "removed from")
            + " contact "
            + id);
  }

  /** Our contact: the one linked to the CRM's id, else the one with that phone, of the account. */
  private Optional<Contact> contact(String account, CrmConnector connector, CrmNotice notice) {
    Optional<Contact> linked =
        notice.crmContactId() == null
            ? Optional.empty()
            : connector
                .contactKnownAs(notice.crmContactId())
                .flatMap(id -> contacts.find(account, id));
    if (linked.isPresent() || notice.phone() == null) {
      return linked;
    }
    return PhoneNumbers.toE164(notice.phone(), "US").flatMap(p -> contacts.findByPhone(account, p));
  }

  /** The CRM's value when it sent a usable one, else ours. */
  private static String field(String given, int max, String ours) {
    if (given == null || given.isBlank() || given.strip().length() > max) {
      return ours;
    }
    return given.strip();
  }

  private static String email(String given, String ours) {
    String email = field(given, 254, ours);
    return email != null && email.matches("[^@\\s]+@[^@\\s]+") ? email : ours;
  }

  private static Result ignored(String why) {
    return new Result(Outcome.IGNORED, why);
  }
}
