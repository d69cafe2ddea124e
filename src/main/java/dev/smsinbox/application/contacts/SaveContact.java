package dev.smsinbox.application.contacts;

import dev.smsinbox.application.Audit;
import dev.smsinbox.application.Caller;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.ContactRepository;
import dev.smsinbox.sms.PhoneNumbers;
import java.time.Clock;

/**
 * Creates a contact or updates the one with that phone number: how the host CRM (or an admin) keeps
 * the inbox's contact record in step. A field left out (null) keeps its current value.
 */
public class SaveContact {

  /** The contact as saved, and whether it is new. */
  public record Saved(Contact contact, boolean created) {}

  private final UnitOfWork unitOfWork;
  private final ContactRepository contacts;
  private final Audit audit;
  private final Clock clock;

  public SaveContact(UnitOfWork unitOfWork, ContactRepository contacts, Audit audit, Clock clock) {
    this.unitOfWork = unitOfWork;
    this.audit = audit;
    this.contacts = contacts;
    this.clock = clock;
  }

  /** Creates or updates (by phone) a contact of the caller's account. */
  public Saved save(Caller caller, String firstName, String lastName, String phone, String email) {
    if (phone == null || phone.isBlank()) {
      throw RequestRefused.invalid(
          "A contact needs a phone number: send {\"firstName\", \"lastName\", \"phone\","
              + " \"email\"}, the phone in E.164 (+14155550123).");
    }
    String e164 =
        PhoneNumbers.toE164(phone, "US")
            .orElseThrow(
                () ->
                    RequestRefused.invalid(
                        "'"
                            + phone
                            + "' is not a phone number; send it in E.164, e.g. +14155550123."));
    String first = field(firstName, 100, "firstName");
    String last = field(lastName, 100, "lastName");
    String mail = field(email, 254, "email");
    if (mail != null && !mail.matches("[^@\\s]+@[^@\\s]+")) {
      throw RequestRefused.invalid("'" + mail + "' is not an email address.");
    }
    String account = caller.accountId();
    return unitOfWork.inTransaction(
        () -> {
          Saved saved =
              contacts
                  .findByPhone(account, e164)
                  .map(
                      c ->
                          new Saved(
                              contacts.update(
                                  c.id(),
                                  first == null ? c.firstName() : first,
                                  last == null ? c.lastName() : last,
                                  mail == null ? c.email() : mail),
                              false))
                  .orElseGet(
                      () ->
                          new Saved(
                              contacts.create(account, first, last, e164, mail, clock.instant()),
                              true));
          audit.record(
              caller,
              saved.created() ? "contact.created" : "contact.updated",
              saved.contact().id(),
              null,
              saved.created() ? "Contact created" : "Contact's name or email updated");
          return saved;
        });
  }

  private static String field(String value, int max, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.length() > max) {
      throw RequestRefused.invalid(name + " is too long: " + max + " characters at most.");
    }
    return v;
  }
}
