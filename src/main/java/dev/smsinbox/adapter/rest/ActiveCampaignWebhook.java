package dev.smsinbox.adapter.rest;

import dev.smsinbox.domain.crm.CrmNotice;
import dev.smsinbox.domain.crm.CrmNotice.Kind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One webhook of ActiveCampaign as it posts it: form fields ({@code
 * application/x-www-form-urlencoded}) named as in its webhook payloads — {@code type} (the event:
 * {@code unsubscribe}, {@code update}, {@code contact_tag_added}, {@code contact_tag_removed},
 * {@code sms_unsub} …), {@code date_time}, {@code list}, {@code tag} and the contact as {@code
 * contact[id]}, {@code contact[email]}, {@code contact[phone]}, {@code contact[first_name]}, {@code
 * contact[last_name]}, {@code contact[tags]}. ActiveCampaign signs nothing; the secret is in the
 * address it posts to.
 */
public final class ActiveCampaignWebhook {

  /** The CRM's name in what the inbox records of its webhooks (as its connector signs consents). */
  public static final String CRM = "ActiveCampaign";

  /** A post that is not an ActiveCampaign webhook the inbox can read; the message says why. */
  public static final class Unreadable extends RuntimeException {
    Unreadable(String message) {
      super(message);
    }
  }

  private ActiveCampaignWebhook() {}

  /**
   * Reads the posted fields.
   *
   * @param form each field's values, as posted
   * @param receivedAt when the event happened, when the post does not say ({@code date_time})
   * @throws Unreadable without a {@code type}, or an event about a contact that names none
   */
  public static CrmNotice read(Map<String, List<String>> form, Instant receivedAt) {
    String type = value(form, "type");
    if (type == null) {
      throw new Unreadable(
          "An ActiveCampaign webhook has a 'type' field (unsubscribe, update, contact_tag_added,"
              + " contact_tag_removed, sms_unsub …); this post has none.");
    }
    Kind kind = kind(type);
    String id = value(form, "contact[id]");
    String phone = value(form, "contact[phone]");
    String email = value(form, "contact[email]");
    if (id != null && !id.matches("\\d{1,19}")) {
      throw new Unreadable(
          "contact[id] must be ActiveCampaign's id of the contact, not '" + id + "'.");
    }
    if (kind != Kind.OTHER && id == null && phone == null && email == null) {
      throw new Unreadable(
          "A '"
              + type
              + "' webhook names its contact (contact[id], contact[phone] or contact[email]);"
              + " this one names none.");
    }
    String list = value(form, "list");
    if (list != null && !list.matches("\\d{1,19}")) {
      throw new Unreadable("list must be the id of an ActiveCampaign list, not '" + list + "'.");
    }
    if ("0".equals(list)) {
      list = null; // ActiveCampaign's "no particular list"
    }
    String tag = value(form, "tag");
    if (tag == null) {
      tag = value(form, "contact[tag]");
    }
    if ((kind == Kind.TAG_ADDED || kind == Kind.TAG_REMOVED) && tag == null) {
      throw new Unreadable("A '" + type + "' webhook names its tag ('tag'); this one does not.");
    }
    return new CrmNotice(
        type,
        kind,
        id,
        phone,
        email,
        value(form, "contact[first_name]"),
        value(form, "contact[last_name]"),
        list,
        tag,
        instant(value(form, "date_time"), receivedAt));
  }

  static Kind kind(String type) {
    return switch (type) {
      case "unsubscribe" -> Kind.UNSUBSCRIBED;
      case "sms_unsub", "sms_unsubscribe" -> Kind.SMS_UNSUBSCRIBED;
      case "update" -> Kind.CONTACT_UPDATED;
      case "contact_tag_added" -> Kind.TAG_ADDED;
      case "contact_tag_removed" -> Kind.TAG_REMOVED;
      default -> Kind.OTHER;
    };
  }

  /**
   * What identifies this post's content: the SHA-256 of its fields in name order. A second delivery
   * of the same webhook carries the same fields (its {@code date_time} included), so it has the
   * same digest; two events, even alike, differ at least by their {@code date_time}.
   */
  public static String digest(Map<String, List<String>> form) {
    StringBuilder canonical = new StringBuilder();
    new TreeMap<>(form)
        .forEach(
            (name, values) ->
                values.forEach(v -> canonical.append(name).append('=').append(v).append('\n')));
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }

  private static String value(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    if (values == null || values.isEmpty() || values.get(0) == null) {
      return null;
    }
    String value = values.get(0).strip();
    return value.isEmpty() ? null : value;
  }

  /**
   * ActiveCampaign's {@code date_time}: ISO-8601 with an offset ({@code
   * 2026-12-03T06:49:04-05:00}).
   */
  private static Instant instant(String dateTime, Instant otherwise) {
    if (dateTime == null) {
      return otherwise;
    }
    try {
      return OffsetDateTime.parse(dateTime).toInstant();
    } catch (RuntimeException notIso) {
      // ActiveCampaign also writes "2021-05-12 07:00:00", in UTC.
      try {
        return LocalDateTime.parse(dateTime.strip().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      } catch (RuntimeException unreadable) {
        return otherwise;
      }
    }
  }
}
