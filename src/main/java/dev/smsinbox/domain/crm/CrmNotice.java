package dev.smsinbox.domain.crm;

import java.time.Instant;
import java.util.Optional;

/**
 * What a CRM tells the inbox by webhook about one of its contacts: an unsubscription, new details,
 * a tag added or removed. The contact is named by the CRM's id and, as the CRM knows them, by phone
 * and email; fields the CRM did not send are null.
 *
 * @param type the CRM's own name of the event ({@code unsubscribe}, {@code update} …), for logs
 * @param kind what the inbox does with it
 * @param crmContactId the CRM's id of the contact
 * @param listId the CRM's list an unsubscription is from; null for every list
 * @param tag the tag added or removed, by name
 * @param at when it happened in the CRM (when it was received, when the CRM did not say)
 */
public record CrmNotice(
    String type,
    Kind kind,
    String crmContactId,
    String phone,
    String email,
    String firstName,
    String lastName,
    String listId,
    String tag,
    Instant at) {

  /** What the inbox does with a notice. */
  public enum Kind {
    /** Left a list: an opt-out from the account's SMS when it is an SMS list. */
    UNSUBSCRIBED,
    /** Left the CRM's SMS channel (ActiveCampaign's SMS unsubscribe): an opt-out. */
    SMS_UNSUBSCRIBED,
    /** The contact's name, email or phone changed. */
    CONTACT_UPDATED,
    TAG_ADDED,
    TAG_REMOVED,
    /** An event the inbox has no use for (a campaign opened, a deal added …): acknowledged. */
    OTHER
  }

  public Optional<String> list() {
    return Optional.ofNullable(listId);
  }
}
