package dev.smsinbox.domain.crm;

/** Where a contact stands on an SMS list. */
public enum SubscriptionState {
  SUBSCRIBED,
  UNSUBSCRIBED
}
