package dev.smsinbox.adapter.smpp;

import dev.smsinbox.application.outbound.DeliveryReceipt;
import dev.smsinbox.domain.MessageStatus;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an SMSC delivery receipt. SMPP 3.4 says it twice: in the {@code receipted_message_id} and
 * {@code message_state} TLVs, which are exact, and in the de-facto text of Appendix B ({@code id:…
 * sub:… dlvrd:… submit date:… done date:… stat:… err:… text:…}), which every SMSC writes a little
 * differently. The TLVs win; the text fills in what they lack, and is read leniently.
 */
final class ReceiptReader {

  /**
   * A key is a word at the start or after whitespace, followed by ':'. "submit date" and "done
   * date" are taken as one key so that an empty value before them never swallows the word "submit".
   */
  private static final Pattern KEY =
      Pattern.compile("(?<!\\S)([a-z][a-z_]*(?:\\s+date)?)\\s*:", Pattern.CASE_INSENSITIVE);

  /** {@code message_state} values 1..9, spelled as the receipt text spells them. */
  private static final String[] STATE_WORDS = {
    null, "ENROUTE", "DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD", "UNKNOWN", "REJECTD",
    "SKIPPED"
  };

  private static final Map<String, MessageStatus> STATUS_BY_WORD =
      Map.ofEntries(
          Map.entry("DELIVRD", MessageStatus.DELIVERED),
          Map.entry("DELIVERED", MessageStatus.DELIVERED),
          Map.entry("EXPIRED", MessageStatus.EXPIRED),
          Map.entry("UNDELIV", MessageStatus.FAILED),
          Map.entry("UNDELIVERABLE", MessageStatus.FAILED),
          Map.entry("DELETED", MessageStatus.FAILED),
          Map.entry("UNKNOWN", MessageStatus.FAILED),
          Map.entry("SKIPPED", MessageStatus.FAILED),
          Map.entry("REJECTD", MessageStatus.REJECTED),
          Map.entry("REJECTED", MessageStatus.REJECTED),
          // Intermediate notices: the message is on its way, nothing is final yet.
          Map.entry("ENROUTE", MessageStatus.SENT),
          Map.entry("ACCEPTD", MessageStatus.SENT),
          Map.entry("ACCEPTED", MessageStatus.SENT));

  private ReceiptReader() {}

  /**
   * @param receiptedMessageIdTlv TLV 0x001E, or null
   * @param messageStateTlv TLV 0x0427, or null
   * @param networkErrorCode TLV 0x0423 as a 3-octet number (network type, error code), or null
   * @param text the short_message / message_payload as text, or null
   * @return empty when the receipt names no message or no state, so the caller can refuse it rather
   *     than acknowledge a receipt it could not use
   */
  static Optional<DeliveryReceipt> read(
      String receiptedMessageIdTlv,
      Integer messageStateTlv,
      Integer networkErrorCode,
      String text) {
    Map<String, String> fields = fields(text);
    String id = present(receiptedMessageIdTlv) ? receiptedMessageIdTlv.strip() : fields.get("id");
    State state = state(messageStateTlv, fields.get("stat"));
    if (id == null || state == null) {
      return Optional.empty();
    }
    boolean fine =
        state.status() == MessageStatus.DELIVERED || state.status() == MessageStatus.SENT;
    String error = fine ? null : error(state.word(), fields.get("err"), networkErrorCode);
    return Optional.of(new DeliveryReceipt(id, state.status(), error));
  }

  private record State(MessageStatus status, String word) {}

  private static State state(Integer messageStateTlv, String statWord) {
    if (messageStateTlv != null && known(messageStateTlv)) {
      String word = STATE_WORDS[messageStateTlv];
      return new State(STATUS_BY_WORD.get(word), word);
    }
    if (statWord != null) {
      String word = statWord.toUpperCase(Locale.ROOT);
      // Some SMSCs write the message_state number instead of the word.
      if (word.length() == 1 && Character.isDigit(word.charAt(0)) && known(word.charAt(0) - '0')) {
        word = STATE_WORDS[word.charAt(0) - '0'];
      }
      // A word we do not know is still the carrier saying "not delivered"; keep it for people.
      return new State(STATUS_BY_WORD.getOrDefault(word, MessageStatus.FAILED), word);
    }
    if (messageStateTlv != null) {
      // Out of range and nothing in the text to go by: a state we cannot call a success.
      return new State(MessageStatus.FAILED, "message_state " + messageStateTlv);
    }
    return null;
  }

  private static boolean known(int messageState) {
    return messageState >= 1 && messageState < STATE_WORDS.length;
  }

  private static String error(String word, String err, Integer networkErrorCode) {
    StringBuilder details = new StringBuilder();
    // err:000 (or 0) is how receipts say "no error"; it tells people nothing.
    if (err != null && !err.matches("0+")) {
      details.append("err ").append(err);
    }
    if (networkErrorCode != null && networkErrorCode != 0) {
      if (details.length() > 0) {
        details.append(", ");
      }
      details.append(String.format("network error 0x%06X", networkErrorCode));
    }
    return details.length() == 0 ? word : word + " (" + details + ")";
  }

  /**
   * The receipt text's keys (lower case, spaces and underscores dropped) with the first word of
   * their values. Reading stops at {@code text:}: what follows is the message itself and may say
   * anything, "stat:" included.
   */
  private static Map<String, String> fields(String text) {
    Map<String, String> fields = new HashMap<>();
    if (text == null) {
      return fields;
    }
    Matcher key = KEY.matcher(text);
    String name = null;
    int valueStart = 0;
    while (key.find()) {
      put(fields, name, text.substring(valueStart, key.start()));
      name = key.group(1).toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "");
      if (name.equals("text")) {
        return fields;
      }
      valueStart = key.end();
    }
    put(fields, name, text.substring(valueStart));
    return fields;
  }

  /** The first value wins: a repeated key is more likely noise than a correction. */
  private static void put(Map<String, String> fields, String name, String value) {
    String[] words = value.strip().split("\\s+", 2);
    if (name != null && present(words[0])) {
      fields.putIfAbsent(name, words[0]);
    }
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
