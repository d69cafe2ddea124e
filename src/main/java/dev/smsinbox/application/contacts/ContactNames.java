package dev.smsinbox.application.contacts;

import dev.smsinbox.domain.Contact;

/** How refusals name a contact: "Ann Lee (+14155550101)", or the number alone. */
final class ContactNames {

  private ContactNames() {}

  static String of(Contact contact) {
    String name =
        ((contact.firstName() == null ? "" : contact.firstName())
                + " "
                + (contact.lastName() == null ? "" : contact.lastName()))
            .strip();
    return name.isEmpty() ? contact.phone() : name + " (" + contact.phone() + ")";
  }
}
