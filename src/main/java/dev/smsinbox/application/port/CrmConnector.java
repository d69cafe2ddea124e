package dev.smsinbox.application.port;

import dev.smsinbox.domain.crm.Account;
import dev.smsinbox.domain.crm.Automation;
import dev.smsinbox.domain.crm.AutomationEnrolment;
import dev.smsinbox.domain.crm.Consent;
import dev.smsinbox.domain.crm.Deal;
import dev.smsinbox.domain.crm.ListSubscription;
import dev.smsinbox.domain.crm.NewDeal;
import dev.smsinbox.domain.crm.SmsList;
import dev.smsinbox.domain.crm.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The host CRM as the inbox reaches it: a contact's tags, account, SMS list subscriptions,
 * automations and deals. Contacts are named by the inbox's contact id; a connector to a remote CRM
 * maps it (by phone, say) to its own. Calls run inside the caller's unit of work, so a connector
 * that keeps data in our database joins the caller's transaction.
 *
 * <p>Arguments are checked by the use cases before they get here (names trimmed and non-empty, ids
 * known, deals valid); a connector keeps its own invariants (one tag per name regardless of case,
 * even under concurrent adds).
 *
 * <p>A connector to a remote CRM throws {@link Failed} when the CRM cannot be reached or refuses a
 * call: the caller's unit of work rolls back, and the panel answers 502 with its message.
 */
public interface CrmConnector {

  /**
   * The CRM failed the call (unreachable, too slow, an error, a refusal); the message says why in
   * words an admin can act on, naming the CRM, never its credentials.
   */
  class Failed extends RuntimeException {
    public Failed(String message) {
      super(message);
    }

    public Failed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The contact's page in the CRM, when the connector knows it (a remote CRM's own id for the
   * contact); empty to use the inbox's configured template ({@code crm.profile-url-template}).
   */
  default Optional<String> profileUrl(long contactId) {
    return Optional.empty();
  }

  /**
   * Takes the contact out of the automation; false when they were not in it. A connector that
   * cannot (written before this existed) says so as a CRM failure.
   */
  default boolean removeFromAutomation(long contactId, long automationId) {
    throw new Failed("This CRM connector cannot take a contact out of an automation.");
  }

  /**
   * Our contact that the CRM knows by that id of its own, when the connector linked the two (a
   * remote CRM's webhook names its contact by its id); empty when it did not, or keeps no such ids.
   */
  default Optional<Long> contactKnownAs(String crmContactId) {
    return Optional.empty();
  }

  /**
   * Whether the connector keeps its data in the inbox's own database, joining the caller's
   * transaction (the embedded one). Changes an SMS asks for (STOP, START) then run in the
   * transaction that files it; for any other connector they are queued and applied after it, so the
   * CRM is never on the carrier's path.
   */
  default boolean inTheInboxDatabase() {
    return false;
  }

  // Tags

  /** Every tag, by name. */
  List<Tag> tags();

  Optional<Tag> findTag(long tagId);

  List<Tag> tagsOf(long contactId);

  /** Tags the contact, creating the tag on first use; adding a tag twice is harmless. */
  Tag addTag(long contactId, String name, Instant at);

  void removeTag(long contactId, long tagId);

  // Accounts

  Optional<Account> findAccount(long accountId);

  /** The account of that name regardless of case, created if there is none. */
  Account accountNamed(String name, Instant at);

  Optional<Account> accountOf(long contactId);

  void attach(long contactId, long accountId);

  void detach(long contactId);

  // SMS opt-in lists

  List<SmsList> lists();

  Optional<SmsList> findList(long listId);

  /** The contact's standing on every list they were ever on. */
  List<ListSubscription> subscriptionsOf(long contactId);

  /** Subscribes (again), recording the new consent. */
  void subscribe(long contactId, long listId, Consent consent);

  /** Marks the subscription ended, keeping the consent that started it. No-op if not on it. */
  void unsubscribe(long contactId, long listId, Consent consent);

  // Automations

  List<Automation> automations();

  Optional<Automation> findAutomation(long automationId);

  List<AutomationEnrolment> enrolmentsOf(long contactId);

  /** Adds the contact; empty when they already are in that automation. */
  Optional<AutomationEnrolment> enrol(long contactId, long automationId, String by, Instant at);

  // Deals

  List<Deal> dealsOf(long contactId);

  Deal createDeal(long contactId, NewDeal deal, String by, Instant at);
}
