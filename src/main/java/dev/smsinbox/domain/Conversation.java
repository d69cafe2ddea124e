package dev.smsinbox.domain;

import java.time.Instant;
import java.util.List;

/** The thread between one contact and one of our sender numbers, with its messages oldest first. */
public record Conversation(
    long id,
    Contact contact,
    SenderNumber senderNumber,
    int unreadCount,
    Instant lastActivityAt,
    List<Message> messages) {

  /**
   * Why an admin cannot answer in this thread, in words they can act on (the contact is a sender
   * ID, or our number is not two-way); null when they can.
   */
  /** The CRM account (tenant) the conversation belongs to: that of the number it is on. */
  public String accountId() {
    return senderNumber.accountId();
  }

  public String whyNoReply() {
    String noSms = contact.whyNoSms();
    return noSms != null ? noSms : senderNumber.whyNotTwoWay();
  }
}
