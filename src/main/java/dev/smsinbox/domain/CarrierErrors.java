package dev.smsinbox.domain;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The carrier's errors in words an admin understands, in English and Italian, with the raw code
 * beside them: the SMSC's command_status when it refused a submit (SMPP 3.4 §5.1.3), the receipt's
 * final state and its {@code err:} code (most SMSCs write the GSM MAP error there), and the inbox's
 * own UNKNOWN_OUTCOME. A message keeps its error as the carrier gave it; this only reads it.
 */
public final class CarrierErrors {

  private CarrierErrors() {}

  /**
   * @param code the raw code as the carrier gave it, e.g. {@code 0x0B}, {@code UNDELIV err 001}
   * @param en the words in English
   * @param it the words in Italian
   */
  public record Explanation(String code, String en, String it) {}

  private record Words(String en, String it) {}

  /** SMPP command_status of a refused submit_sm: the common ones. */
  private static final Map<Integer, Words> COMMAND_STATUS =
      Map.ofEntries(
          Map.entry(
              0x01,
              w("The message length is invalid.", "La lunghezza del messaggio non è valida.")),
          Map.entry(
              0x08, w("The carrier had a system error.", "Errore di sistema dell'operatore.")),
          Map.entry(
              0x0A,
              w(
                  "The sender number is not accepted by the carrier.",
                  "Il numero mittente non è accettato dall'operatore.")),
          Map.entry(
              0x0B,
              w(
                  "The number does not exist or is invalid.",
                  "Il numero non esiste o non è valido.")),
          Map.entry(
              0x14,
              w(
                  "The carrier's queue for this number is full.",
                  "La coda dell'operatore per questo numero è piena.")),
          Map.entry(
              0x45, w("The carrier refused to send it.", "L'operatore ha rifiutato l'invio.")),
          Map.entry(
              0x48,
              w(
                  "The sender number's type is not accepted.",
                  "Il tipo del numero mittente non è accettato.")),
          Map.entry(
              0x50,
              w(
                  "The recipient number's type is not accepted.",
                  "Il tipo del numero destinatario non è accettato.")),
          Map.entry(
              0x51,
              w(
                  "The recipient number's plan is not accepted.",
                  "Il piano di numerazione del destinatario non è accettato.")),
          Map.entry(
              0x58,
              w(
                  "Too many messages at once: the carrier is throttling.",
                  "Troppi messaggi insieme: l'operatore rallenta gli invii.")),
          Map.entry(
              0x62,
              w("The validity period is not accepted.", "Il periodo di validità non è accettato.")),
          Map.entry(
              0x64,
              w(
                  "The carrier could not take it now (temporary).",
                  "L'operatore non ha potuto accettarlo ora (temporaneo).")),
          Map.entry(
              0x65,
              w(
                  "The carrier refused it for good (permanent).",
                  "L'operatore lo ha rifiutato definitivamente.")),
          Map.entry(
              0xC4,
              w(
                  "An optional field had a value the carrier does not accept.",
                  "Un campo opzionale aveva un valore non accettato dall'operatore.")),
          Map.entry(
              0xFE,
              w("The carrier could not deliver it.", "L'operatore non è riuscito a consegnarlo.")),
          Map.entry(
              0xFF,
              w(
                  "The carrier gave an unknown error.",
                  "L'operatore ha dato un errore sconosciuto.")));

  /** The receipt's final state, when its err: code says nothing more. */
  private static final Map<String, Words> RECEIPT_STATE =
      Map.of(
          "EXPIRED",
          w(
              "The handset was unreachable for the validity period.",
              "Il telefono è rimasto irraggiungibile per tutto il periodo di validità."),
          "UNDELIV",
          w("The message could not be delivered.", "Il messaggio non è stato consegnato."),
          "REJECTD",
          w("The network refused the message.", "La rete ha rifiutato il messaggio."),
          "DELETED",
          w("The carrier deleted the message.", "L'operatore ha cancellato il messaggio."),
          "UNKNOWN",
          w(
              "The carrier does not know what became of it.",
              "L'operatore non sa che fine abbia fatto."));

  /** The receipt's err: code, as most SMSCs write it (the GSM MAP error, in decimal). */
  private static final Map<Integer, Words> RECEIPT_ERR =
      Map.ofEntries(
          Map.entry(1, w("The number does not exist.", "Il numero non esiste.")),
          Map.entry(
              5, w("The network does not know the number.", "La rete non riconosce il numero.")),
          Map.entry(
              6,
              w(
                  "The handset was switched off or out of coverage.",
                  "Il telefono era spento o fuori copertura.")),
          Map.entry(
              9,
              w(
                  "The number is barred by its operator.",
                  "Il numero è bloccato dal suo operatore.")),
          Map.entry(11, w("The number cannot receive SMS.", "Il numero non può ricevere SMS.")),
          Map.entry(
              13,
              w(
                  "The number is barred from receiving SMS.",
                  "Il numero è bloccato per la ricezione di SMS.")),
          Map.entry(
              21,
              w(
                  "The recipient's network does not support it.",
                  "La rete del destinatario non lo supporta.")),
          Map.entry(
              27,
              w(
                  "The handset was switched off or out of coverage.",
                  "Il telefono era spento o fuori copertura.")),
          Map.entry(
              31,
              w(
                  "The handset was busy and could not take the SMS.",
                  "Il telefono era occupato e non ha potuto ricevere l'SMS.")),
          Map.entry(
              32,
              w(
                  "The handset could not store the SMS (memory full?).",
                  "Il telefono non ha potuto salvare l'SMS (memoria piena?).")),
          Map.entry(
              33,
              w(
                  "The number's waiting list for messages is full.",
                  "La lista d'attesa dei messaggi del numero è piena.")),
          Map.entry(
              34,
              w(
                  "The recipient's network had a system failure.",
                  "La rete del destinatario ha avuto un guasto.")));

  private static final Pattern SUBMIT_STATUS = Pattern.compile("with status 0x([0-9A-Fa-f]+)");
  private static final Pattern RECEIPT = Pattern.compile("^([A-Z]{5,8})(?: \\((.*)\\))?$");
  private static final Pattern ERR = Pattern.compile("err ([0-9A-Fa-fx]+)");

  /** The error in words, or empty when the inbox has none better than the error itself. */
  public static Optional<Explanation> explain(String error) {
    if (error == null || error.isBlank()) {
      return Optional.empty();
    }
    if (error.startsWith("UNKNOWN_OUTCOME")) {
      return Optional.of(
          new Explanation(
              "UNKNOWN_OUTCOME",
              "The carrier never answered: it may or may not have the message.",
              "L'operatore non ha mai risposto: potrebbe avere il messaggio oppure no."));
    }
    Matcher submit = SUBMIT_STATUS.matcher(error);
    if (submit.find()) {
      int status = Integer.parseInt(submit.group(1), 16);
      String code = String.format("0x%02X", status);
      Words words = COMMAND_STATUS.get(status);
      return Optional.of(
          words == null
              ? new Explanation(
                  code,
                  "The carrier refused the message.",
                  "L'operatore ha rifiutato il messaggio.")
              : new Explanation(code, words.en(), words.it()));
    }
    Matcher receipt = RECEIPT.matcher(error.strip());
    if (receipt.matches() && RECEIPT_STATE.containsKey(receipt.group(1))) {
      String state = receipt.group(1);
      String details = receipt.group(2);
      Words words = RECEIPT_STATE.get(state);
      String code = state;
      if (details != null) {
        code = state + " " + details;
        Matcher err = ERR.matcher(details);
        if (err.find()) {
          Integer value = number(err.group(1));
          if (value != null && RECEIPT_ERR.containsKey(value)) {
            words = RECEIPT_ERR.get(value);
          }
        }
      }
      return Optional.of(new Explanation(code, words.en(), words.it()));
    }
    return Optional.empty();
  }

  private static Integer number(String text) {
    try {
      return text.startsWith("0x") || text.startsWith("0X")
          ? Integer.parseInt(text.substring(2), 16)
          : Integer.parseInt(text, 10);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Words w(String en, String it) {
    return new Words(en, it);
  }
}
