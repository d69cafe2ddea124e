package dev.smsinbox.domain;

/** The campaign, automation or inbox that sent a message, as the host CRM names it. */
public record Origin(OriginType type, String id, String name) {

  public static final Origin INBOX = new Origin(OriginType.INBOX, null, null);

  /**
   * Whether a customer's reply to a message from here counts for it (campaigns, automations). Not
   * named isAttributable: JSON-B would then write it into every message as a property.
   */
  public boolean attributable() {
    return type == OriginType.CAMPAIGN || type == OriginType.AUTOMATION;
  }
}
