package dev.smsinbox.application;

import dev.smsinbox.sms.PhoneNumbers;
import java.util.function.ToIntFunction;

/** What a send costs: each SMS part debits the rate of the destination's country. */
public class CreditPricing {

  private final ToIntFunction<String> ratePerPartByCountry;

  /**
   * @param ratePerPartByCountry credits per part for an ISO country code ("ZZ" when unknown)
   */
  public CreditPricing(ToIntFunction<String> ratePerPartByCountry) {
    this.ratePerPartByCountry = ratePerPartByCountry;
  }

  public long cost(int parts, String destinationE164) {
    return (long) parts * ratePerPart(destinationE164);
  }

  /**
   * @param destinationE164 null when not known yet: the rate of a number of no known country
   */
  public int ratePerPart(String destinationE164) {
    return ratePerPartByCountry.applyAsInt(
        destinationE164 == null ? "ZZ" : PhoneNumbers.regionOf(destinationE164));
  }
}
