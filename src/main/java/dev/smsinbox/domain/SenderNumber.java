package dev.smsinbox.domain;

import java.util.Set;

/**
 * A number we send from and customers reply to. Two-way messaging is offered only on a dedicated,
 * registered number in a country where the product supports it (F7). A number belongs to one CRM
 * account ({@code accountId}, the tenant): SMS to it are that account's.
 */
public record SenderNumber(
    long id,
    String accountId,
    String number,
    String country,
    boolean dedicated,
    boolean registered) {

  public static final Set<String> TWO_WAY_COUNTRIES = Set.of("US", "GB", "AU");

  public boolean isTwoWay() {
    return dedicated && registered && TWO_WAY_COUNTRIES.contains(country);
  }

  /** Why this number cannot carry a conversation, in words an admin can act on; null if it can. */
  public String whyNotTwoWay() {
    if (!TWO_WAY_COUNTRIES.contains(country)) {
      return "Two-way SMS is available only on numbers in the United States, the United Kingdom"
          + " or Australia; "
          + number
          + " is in "
          + country
          + ".";
    }
    if (!dedicated) {
      return "Two-way SMS needs a dedicated number; " + number + " is shared.";
    }
    if (!registered) {
      return "Two-way SMS needs a registered number; " + number + " is not registered yet.";
    }
    return null;
  }
}
