package dev.smsinbox.domain;

/**
 * A CRM contact as the inbox shows it. {@code phone} is E.164 ({@code +14155550123}), or for a
 * business that texts under an alphanumeric sender ID ("ACME"), that ID: E.164 always starts with
 * '+', an ID never does.
 */
public record Contact(long id, String firstName, String lastName, String phone, String email) {

  /** Whether this is a business's alphanumeric sender ID rather than a phone number. */
  public boolean isSenderId() {
    return phone != null && !phone.startsWith("+");
  }

  /** Why no SMS can be sent to this contact, in words an admin can act on; null when one can. */
  public String whyNoSms() {
    if (!isSenderId()) {
      return null;
    }
    return "'"
        + phone
        + "' is an alphanumeric sender ID, not a phone number: no SMS can be sent back to it, so"
        + " this conversation cannot be answered by SMS. Reach the sender another way.";
  }
}
