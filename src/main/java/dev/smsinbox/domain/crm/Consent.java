package dev.smsinbox.domain.crm;

import java.time.Instant;

/**
 * Who changed a contact's subscription, when and through what: the record a carrier or a regulator
 * asks for.
 *
 * @param by the admin's user name, or the customer's own number for a keyword they texted
 * @param source {@value #INBOX} for an admin in the inbox, {@value #SMS_KEYWORD} for STOP/START
 */
public record Consent(Instant at, String by, String source) {

  public static final String INBOX = "inbox";
  public static final String SMS_KEYWORD = "sms-keyword";
}
