package dev.smsinbox.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Phone numbers in any common format, to and from E.164 (libphonenumber). Numbers are checked for
 * being possible, not for being assigned: carriers deliver from ranges libphonenumber may not know
 * yet, and refusing a real customer is worse than accepting an odd number.
 */
public final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /**
   * Answers already worked out, by region and text. Parsing is a good part of what receiving an SMS
   * costs, and the same customers write again and again; the map is emptied when it grows large.
   */
  private static final int MAX_REMEMBERED = 50_000;

  private static final Map<String, Optional<String>> E164 = new ConcurrentHashMap<>();

  private PhoneNumbers() {}

  /**
   * @param raw a number as a person or an SMSC wrote it: {@code +1 415-555-0123}, {@code (415)
   *     555-0123}, {@code 14155550123}
   * @param defaultRegion the region a number without a country code is read in (ISO alpha-2)
   * @return the E.164 form, or empty when the text cannot be a phone number
   */
  public static Optional<String> toE164(String raw, String defaultRegion) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String key = defaultRegion + " " + raw;
    Optional<String> known = E164.get(key);
    if (known == null) {
      if (E164.size() >= MAX_REMEMBERED) {
        E164.clear();
      }
      known = parse(raw, defaultRegion);
      E164.put(key, known);
    }
    return known;
  }

  private static Optional<String> parse(String raw, String defaultRegion) {
    try {
      PhoneNumber number = UTIL.parse(raw.strip(), defaultRegion);
      if (!UTIL.isPossibleNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(number, PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** The longest alphanumeric originating address (3GPP TS 23.040 §9.1.2.5: 11 characters). */
  public static final int MAX_SENDER_ID = 11;

  /** Besides letters, digits and spaces, what businesses put in their sender IDs. */
  private static final String SENDER_ID_PUNCTUATION = "&'()*+,-./:;!?@#_";

  /**
   * A business's alphanumeric sender ID ("ACME", "Dr Smith", "24SEVEN"), as carriers deliver SMS
   * from banks, shops and delivery services: not a phone number, and nothing can be sent back to
   * it.
   *
   * @return the ID without surrounding spaces, or empty when {@code raw} is not one: it has no
   *     letter, is longer than {@value #MAX_SENDER_ID} characters, or has a character no sender ID
   *     has (a control character, say)
   */
  public static Optional<String> alphanumericSender(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String id = raw.strip();
    if (id.isEmpty() || id.length() > MAX_SENDER_ID) {
      return Optional.empty();
    }
    boolean letter = false;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isLetter(c)) {
        letter = true;
      } else if (!Character.isDigit(c) && c != ' ' && SENDER_ID_PUNCTUATION.indexOf(c) < 0) {
        return Optional.empty();
      }
    }
    return letter ? Optional.of(id) : Optional.empty();
  }

  /** The region (ISO alpha-2) of an E.164 number, or "ZZ" when unknown. */
  public static String regionOf(String e164) {
    try {
      String region = UTIL.getRegionCodeForNumber(UTIL.parse(e164, "ZZ"));
      return region == null ? "ZZ" : region;
    } catch (NumberParseException e) {
      return "ZZ";
    }
  }

  /**
   * The time zones a number may be in, from libphonenumber's prefix data (a US area code, a
   * country); empty when unknown.
   */
  public static java.util.List<java.time.ZoneId> timeZonesOf(String e164) {
    try {
      PhoneNumber number = PhoneNumberUtil.getInstance().parse(e164, null);
      java.util.List<java.time.ZoneId> zones = new java.util.ArrayList<>();
      for (String id :
          com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper.getInstance()
              .getTimeZonesForNumber(number)) {
        try {
          zones.add(java.time.ZoneId.of(id));
        } catch (java.time.DateTimeException unknown) {
          // "Etc/Unknown" and zones the JDK does not know: no help.
        }
      }
      return zones;
    } catch (NumberParseException | RuntimeException e) {
      return java.util.List.of();
    }
  }
}
