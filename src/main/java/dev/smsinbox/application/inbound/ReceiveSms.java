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
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.domain.SenderNumberRepository;
import dev.smsinbox.domain.UnroutedSms;
import dev.smsinbox.domain.UnroutedSmsRepository;
import dev.smsinbox.sms.PhoneNumbers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * A customer's SMS enters the inbox in two steps. {@link #acceptAll} commits it to the inbound
 * journal, after which it is ours and the carrier may be told so; {@link #receiveAll} (the {@link
 * InboundFiler}'s step, or the demo data's) files it: matched to a contact by E.164 number (a new
 * contact when nobody has it), filed in the conversation with the number they texted, attributed to
 * the campaign or automated SMS it answers, and announced live — all in one transaction. An SMS to
 * a number of ours that takes no conversation (not two-way) is kept among the unrouted SMS, where
 * an admin sees it and its keyword still counts. Nothing acknowledged is dropped: only what can
 * never be stored is refused, before the acknowledgement.
 */
public class ReceiveSms {

  /** What became of an inbound SMS. */
  public sealed interface Outcome {}

  public record Stored(Message message) implements Outcome {}

  /**
   * Committed to the inbound journal, so the carrier may be told it is ours; filed moments later by
   * the {@link InboundFiler}.
   */
  public record Accepted() implements Outcome {}

  /** Sent to a number of ours that takes no conversation: kept for an admin, not in the inbox. */
  public record Unrouted(UnroutedSms sms) implements Outcome {}

  /**
   * Refused before the acknowledgement, for a reason the carrier can act on: the number is not ours
   * ({@link RequestRefused.Reason#NOT_FOUND}), the sender address is no phone number nor sender ID
   * ({@link RequestRefused.Reason#INVALID}), the text is longer than the inbox stores ({@link
   * RequestRefused.Reason#TOO_LARGE}).
   */
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
  final UnroutedSmsRepository unrouted;
  final InboundWaiting waiting;

  /** How long the acknowledgement path trusts a number it found to be ours. */
  static final Duration TRUST_OURS = Duration.ofSeconds(5);

  final OurNumbers ourNumbers;

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
      InboundJournal journal,
      UnroutedSmsRepository unrouted,
      InboundWaiting waiting) {
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
    this.unrouted = unrouted;
    this.waiting = waiting;
    this.ourNumbers = new OurNumbers(unitOfWork, numbers, TRUST_OURS, System::nanoTime);
  }

  /**
   * Forgets the numbers the acknowledgement path trusts: one changed on another instance of the
   * inbox sharing the database (it would otherwise be trusted for up to {@link #TRUST_OURS}).
   */
  public void forgetOurNumbers() {
    ourNumbers.forget();
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
   * Files several SMS in one transaction: an outcome for each, in order — stored in its
   * conversation, or kept among the unrouted SMS (never refused: these were acknowledged). A
   * storage failure stores none of them.
   */
  public List<Outcome> receiveAll(List<InboundSms> batch) {
    return unitOfWork.inTransaction(() -> new InboundBatch(this, batch).file());
  }

  /**
   * Commits several SMS to the inbound journal together, the first half of {@link #receiveAll}: an
   * SMS for a number that is not ours, from an address that is no phone number nor sender ID, or
   * longer than the inbox stores, is {@link Refused}; the rest are {@link Accepted}. Joins the
   * caller's transaction; without one, the journal's append is the only write and commits on its
   * own.
   */
  public List<Outcome> acceptAll(List<InboundSms> batch) {
    return new InboundBatch(this, batch).accept();
  }

  /**
   * {@link #acceptAll} for one SMS, in the caller's transaction if there is one.
   *
   * @throws RequestRefused when the SMS can never be stored
   */
  public Outcome accept(InboundSms sms) {
    return unlessRefused(acceptAll(List.of(sms)).get(0));
  }

  /**
   * Checks an SMS (or one part of a concatenated SMS) before the carrier may be told it is ours.
   *
   * @return the SMS with its addresses as the inbox files them: our number's E.164, the sender's
   *     E.164 or sender ID
   * @throws RequestRefused NOT_FOUND for a number that is not ours, INVALID for a sender address
   *     that is no phone number nor sender ID, TOO_LARGE for a text longer than the inbox stores
   */
  InboundSms admit(InboundSms sms) {
    return admit(sms, this::ourNumber);
  }

  /** Our number at the address the carrier wrote, trusted for a few seconds once found. */
  Optional<SenderNumber> ourNumber(String to) {
    return PhoneNumbers.toE164(to, "US").flatMap(ourNumbers::find);
  }

  /**
   * @param ourNumber our number at the address the carrier wrote (a batch asks once an address)
   */
  InboundSms admit(InboundSms sms, Function<String, Optional<SenderNumber>> ourNumber) {
    Optional<SenderNumber> number = ourNumber.apply(sms.to());
    if (number.isEmpty()) {
      throw RequestRefused.notFound(
          sms.to()
              + " is not one of our numbers; the inbox takes SMS to the numbers registered with"
              + " POST /api/numbers.");
    }
    Sender sender =
        Sender.of(sms.from(), number.get().country())
            .orElseThrow(() -> RequestRefused.invalid(Sender.notASender(sms.from())));
    if (sms.text().length() > InboundSms.MAX_TEXT) {
      throw RequestRefused.tooLarge(
          "The text has "
              + sms.text().length()
              + " characters; the inbox stores at most "
              + InboundSms.MAX_TEXT
              + ".");
    }
    if (sms.unreadable() != null && sms.unreadable().octets() > InboundSms.MAX_OCTETS) {
      throw RequestRefused.tooLarge(
          "The message has "
              + sms.unreadable().octets()
              + " octets; the inbox stores at most "
              + InboundSms.MAX_OCTETS
              + ".");
    }
    return sms.addressed(sender.address(), number.get().number());
  }

  /**
   * Adds an SMS the carrier was already answered for (a concatenated SMS its parts made whole) to
   * the journal in the caller's transaction, without the checks of {@link #admit}: its parts passed
   * them, and whatever changed since, the filer keeps it somewhere an admin sees.
   */
  void journalAcknowledged(InboundSms sms) {
    journalAdmitted(List.of(sms), this::ourNumber);
  }

  /**
   * Appends admitted SMS to the journal in the caller's transaction; once it commits, they count as
   * waiting to be filed for the accounts whose numbers they texted ({@link InboundWaiting}).
   *
   * @param ourNumber our number at an admitted SMS's address, as {@link #admit} found it
   */
  void journalAdmitted(
      List<InboundSms> admitted, Function<String, Optional<SenderNumber>> ourNumber) {
    journal.append(admitted);
    Map<String, Integer> perAccount = new HashMap<>();
    Instant last = null;
    for (InboundSms sms : admitted) {
      Optional<SenderNumber> number = ourNumber.apply(sms.to());
      // A long SMS made whole is not checked again: its number may have gone since its parts
      // were admitted, and the filer keeps it among the unrouted SMS.
      number.ifPresent(n -> perAccount.merge(n.accountId(), 1, Integer::sum));
      if (last == null || sms.receivedAt().isAfter(last)) {
        last = sms.receivedAt();
      }
    }
    Instant lastReceivedAt = last;
    perAccount.forEach(
        (account, count) ->
            unitOfWork.afterCommit(() -> waiting.acknowledged(account, count, lastReceivedAt)));
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
