package dev.smsinbox.application.inbound;

import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.port.InboxEvents;
import dev.smsinbox.application.port.InboxTelemetry;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.ContactRepository;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageRepository;
import dev.smsinbox.domain.SenderNumberRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;

/**
 * A customer's SMS enters the inbox in two steps. {@link #acceptAll} commits it to the inbound
 * journal, after which it is ours and the carrier may be told so; {@link #receiveAll} (the {@link
 * InboundFiler}'s step, or the demo data's) files it: matched to a contact by E.164 number (a new
 * contact when nobody has it), filed in the conversation with the number they texted, attributed to
 * the campaign or automated SMS it answers, and announced live — all in one transaction.
 */
public class ReceiveSms {

  /** What became of an inbound SMS. */
  public sealed interface Outcome {}

  public record Stored(Message message) implements Outcome {}

  /**
   * Committed to the inbound journal, so the carrier may be told it is ours; filed into its
   * conversation moments later by the {@link InboundFiler}.
   */
  public record Accepted() implements Outcome {}

  /** Sent to a number that is not ours or not two-way: acknowledged, counted, not shown. */
  public record NotForTheInbox(String reason) implements Outcome {}

  /** Refused for a reason the carrier can act on (a sender address that is no phone number). */
  public record Refused(RequestRefused reason) implements Outcome {}

  static final Logger LOG = Logger.getLogger(ReceiveSms.class.getName());

  final UnitOfWork unitOfWork;
  final ContactRepository contacts;
  final SenderNumberRepository numbers;
  final ConversationRepository conversations;
  final MessageRepository messages;
  final InboxEvents events;
  final Duration attributionWindow;
  final MessageHooks hooks;
  final Duration duplicateWindow;
  final InboxTelemetry telemetry;
  final InboundJournal journal;

  /** How long the acknowledgement path trusts a number it found two-way. */
  static final Duration TRUST_TWO_WAY = Duration.ofSeconds(5);

  final TwoWayNumbers twoWay;

  public ReceiveSms(
      UnitOfWork unitOfWork,
      ContactRepository contacts,
      SenderNumberRepository numbers,
      ConversationRepository conversations,
      MessageRepository messages,
      InboxEvents events,
      Duration attributionWindow,
      MessageHooks hooks,
      Duration duplicateWindow,
      InboxTelemetry telemetry,
      InboundJournal journal) {
    this.unitOfWork = unitOfWork;
    this.contacts = contacts;
    this.numbers = numbers;
    this.conversations = conversations;
    this.messages = messages;
    this.events = events;
    this.attributionWindow = attributionWindow;
    this.hooks = hooks;
    this.duplicateWindow = duplicateWindow;
    this.telemetry = telemetry;
    this.journal = journal;
    this.twoWay = new TwoWayNumbers(unitOfWork, numbers, TRUST_TWO_WAY, System::nanoTime);
  }

  /**
   * @throws RequestRefused INVALID when the sender's number cannot be a phone number
   */
  public Outcome receive(InboundSms sms) {
    return unlessRefused(receiveAll(List.of(sms)).get(0));
  }

  /**
   * @throws RequestRefused the reason, when the outcome is a refusal
   */
  static Outcome unlessRefused(Outcome outcome) {
    if (outcome instanceof Refused refused) {
      throw refused.reason();
    }
    return outcome;
  }

  /**
   * Stores several SMS in one transaction, as {@link #receive} does one: an outcome for each, in
   * order. A sender address that is no phone number refuses that SMS only; a storage failure stores
   * none of them.
   */
  public List<Outcome> receiveAll(List<InboundSms> batch) {
    return unitOfWork.inTransaction(() -> new InboundBatch(this, batch).file());
  }

  /**
   * Commits several SMS to the inbound journal together, the first half of {@link #receiveAll}: an
   * SMS for a number that is not ours or not two-way, or from an address that is no phone number,
   * is answered as filing would answer it; the rest are {@link Accepted}. Joins the caller's
   * transaction; without one, the journal's append is the only write and commits on its own.
   */
  public List<Outcome> acceptAll(List<InboundSms> batch) {
    return new InboundBatch(this, batch).accept();
  }

  /**
   * {@link #acceptAll} for one SMS, in the caller's transaction if there is one.
   *
   * @throws RequestRefused INVALID when the sender's number cannot be a phone number
   */
  public Outcome accept(InboundSms sms) {
    return unlessRefused(acceptAll(List.of(sms)).get(0));
  }

  /** The same sender, number and text: what an SMSC's redelivery has in common with the first. */
  static String fingerprint(String from, String to, String text) {
    byte[] hash =
        SHA_256.get().digest((from + "\n" + to + "\n" + text).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(hash);
  }

  /** One digest per thread: looking the algorithm up costs more than hashing a text. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
          });
}
