package dev.smsinbox.domain.crm;

/**
 * A contact's standing on one SMS list, with the consent that subscribed them and, once they left,
 * the record of how they left.
 *
 * @param unsubscribed null while subscribed
 */
public record ListSubscription(
    SmsList list, SubscriptionState state, Consent subscribed, Consent unsubscribed) {

  public boolean isSubscribed() {
    return state == SubscriptionState.SUBSCRIBED;
  }

  /** Left the list by texting a stop word (so START brings them back). */
  public boolean leftByKeyword() {
    return state == SubscriptionState.UNSUBSCRIBED
        && unsubscribed != null
        && Consent.SMS_KEYWORD.equals(unsubscribed.source());
  }
}
