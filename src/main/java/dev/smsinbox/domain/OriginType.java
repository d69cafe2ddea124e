package dev.smsinbox.domain;

/**
 * What produced an outbound message: a CRM campaign, a CRM automation, or an admin in the inbox.
 */
public enum OriginType {
  CAMPAIGN,
  AUTOMATION,
  INBOX
}
