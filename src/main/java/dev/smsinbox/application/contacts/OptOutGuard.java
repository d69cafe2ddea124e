package dev.smsinbox.application.contacts;

import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.SenderNumber;

/** No reply goes to a number that texted STOP: the admin is told who, when and what to do. */
public class OptOutGuard implements MessageHooks.SendGuard {

  private final OptOutRegistry registry;

  public OptOutGuard(OptOutRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void check(Contact contact, SenderNumber number, String text) {
    registry
        .find(number.accountId(), contact.phone())
        .ifPresent(
            optOut -> {
              throw RequestRefused.conflict(
                  ContactNames.of(contact)
                      + " "
                      + OptOutRegistry.replied(optOut)
                      + "; they must text START to receive messages again.");
            });
  }
}
