package dev.smsinbox.application.contacts;

import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.OptOut;
import dev.smsinbox.domain.crm.Account;
import dev.smsinbox.domain.crm.AutomationEnrolment;
import dev.smsinbox.domain.crm.Deal;
import dev.smsinbox.domain.crm.ListSubscription;
import dev.smsinbox.domain.crm.PanelAction;
import dev.smsinbox.domain.crm.Plan;
import dev.smsinbox.domain.crm.Tag;
import java.util.List;

/**
 * The contact panel's condensed record (F8): who the contact is, a link to their full CRM profile,
 * and what the CRM knows of them, limited to what the plan includes.
 *
 * @param lists every SMS list, with the contact's standing (state null: never on it)
 * @param optOut set while the contact's number is opted out of SMS
 */
public record ContactRecord(
    Contact contact,
    String profileUrl,
    Plan plan,
    Allowed allowed,
    List<Tag> tags,
    Account account,
    List<ListSubscription> lists,
    List<AutomationEnrolment> automations,
    List<Deal> deals,
    OptOut optOut) {

  /** Which panel actions the plan allows, so screens can hide the rest. */
  public record Allowed(
      boolean tags, boolean account, boolean lists, boolean automations, boolean deals) {
    static Allowed by(Plan plan) {
      return new Allowed(
          plan.allows(PanelAction.TAGS),
          plan.allows(PanelAction.ACCOUNT),
          plan.allows(PanelAction.LISTS),
          plan.allows(PanelAction.AUTOMATIONS),
          plan.allows(PanelAction.DEALS));
    }
  }
}
