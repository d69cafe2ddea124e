package dev.smsinbox.domain;

/** The campaign, automation or inbox that sent a message, as the host CRM names it. */
public record Origin(OriginType type, String id, String name) {

  public static final Origin INBOX = new Origin(OriginType.INBOX, null, null);
}
