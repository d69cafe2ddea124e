package dev.smsinbox.runtime.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.jsmpp.bean.OptionalParameter;

/**
 * Sends SMSC delivery receipts (deliver_sm with esm_class 0x04) for accepted submits.
 *
 * <p>The receipt's text names the message by its decimal id, while the receipted_message_id TLV
 * carries the same id in hex: real SMSCs mix the two like this, and the app must match either.
 * Receipts go out on a scheduler so they never delay a submit_sm_resp, and they are retried with
 * back-off when no receiving session is bound or the ESME answers with an error, the way an SMSC
 * keeps a receipt until the ESME takes it.
 */
final class ReceiptWriter {

  private static final Logger LOG = Logger.getLogger(ReceiptWriter.class.getName());

  static final byte ESM_CLASS_SMSC_DELIVERY_RECEIPT = 0x04;
  static final int MAX_ATTEMPTS = 6;
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofSeconds(30);

  /** SMPP 3.4 appendix B dates; UTC, so tests do not depend on the machine's zone. */
  private static final DateTimeFormatter RECEIPT_DATE =
      DateTimeFormatter.ofPattern("yyMMddHHmm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final int TEXT_EXCERPT = 20;

  private final SimulatorSessions sessions;
  private final SimulatorSettings settings;
  private final ScheduledExecutorService scheduler;

  ReceiptWriter(
      SimulatorSessions sessions, SimulatorSettings settings, ScheduledExecutorService scheduler) {
    this.sessions = sessions;
    this.settings = settings;
    this.scheduler = scheduler;
  }

  /** Called once the submit_sm_resp is on the wire, so the receipt cannot overtake it. */
  void schedule(SubmittedPart part) {
    submit(part, 1, settings.receiptDelay());
  }

  /**
   * Sends the receipt now, on the caller's thread, and retries later as usual if it is not taken:
   * for an SMSC whose receipt overtakes its own submit_sm_resp.
   */
  void sendNow(SubmittedPart part) {
    send(part, 1);
  }

  private void submit(SubmittedPart part, int attempt, Duration delay) {
    try {
      scheduler.schedule(() -> send(part, attempt), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The simulator is closing; the receipt dies with it, as with a real SMSC being shut down.
    }
  }

  private void send(SubmittedPart part, int attempt) {
    String stat = part.receiptState();
    byte[] text = text(part, stat, Instant.now()).getBytes(StandardCharsets.US_ASCII);
    int status;
    String failure;
    try {
      status =
          sessions.deliver(
              part.session(),
              part.destination(),
              part.source(),
              ESM_CLASS_SMSC_DELIVERY_RECEIPT,
              (byte) 0,
              text,
              new OptionalParameter.Receipted_message_id(hexId(part.messageId())),
              new OptionalParameter.Message_state(
                  SimulatorSettings.MESSAGE_STATES.get(stat).byteValue()));
      failure = status == 0 ? null : String.format("deliver_sm_resp status 0x%02X", status);
    } catch (RuntimeException e) {
      failure = e.getMessage();
    }
    if (failure == null) {
      part.receipt().sent(stat);
      LOG.info(
          () ->
              String.format(
                  "SMSC simulator: receipt %s for message %s (receipted_message_id %s) sent to %s",
                  stat, part.messageId(), hexId(part.messageId()), part.source().address()));
      return;
    }
    if (attempt >= MAX_ATTEMPTS) {
      String reason = failure;
      LOG.warning(
          () ->
              String.format(
                  "SMSC simulator: gave up on receipt for message %s after %d attempts: %s",
                  part.messageId(), attempt, reason));
      return;
    }
    Duration retry = backoff(attempt);
    String reason = failure;
    LOG.info(
        () ->
            String.format(
                "SMSC simulator: receipt for message %s not taken (%s); retrying in %d ms",
                part.messageId(), reason, retry.toMillis()));
    submit(part, attempt + 1, retry);
  }

  static Duration backoff(int attempt) {
    Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 10));
    return d.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : d;
  }

  /** The receipt's short_message, in the de-facto format of SMPP 3.4 appendix B. */
  static String text(SubmittedPart part, String stat, Instant done) {
    boolean delivered = "DELIVRD".equals(stat);
    return "id:"
        + part.messageId()
        + " sub:001 dlvrd:"
        + (delivered ? "001" : "000")
        + " submit date:"
        + RECEIPT_DATE.format(part.at())
        + " done date:"
        + RECEIPT_DATE.format(done)
        + " stat:"
        + stat
        + " err:"
        + (delivered ? "000" : "001")
        + " text:"
        + excerpt(part.decoded().text());
  }

  /** The receipted_message_id form of a decimal id: upper-case hex, no leading zeros. */
  static String hexId(String decimalId) {
    return Long.toHexString(Long.parseLong(decimalId)).toUpperCase(Locale.ROOT);
  }

  // Receipts are ASCII text under data_coding 0, so anything outside printable ASCII (an emoji,
  // a line break) becomes '?' rather than bytes a receipt parser would have to guess at.
  private static String excerpt(String text) {
    StringBuilder out = new StringBuilder(TEXT_EXCERPT);
    text.codePoints()
        .limit(TEXT_EXCERPT)
        .forEach(cp -> out.append(cp >= 0x20 && cp < 0x7F ? (char) cp : '?'));
    return out.toString();
  }
}
