package dev.smsinbox.application;

import dev.smsinbox.application.InboxEventPayloads.MessageReceived;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.ContactRepository;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.ConversationRepository.Party;
import dev.smsinbox.domain.InReplyTo;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageRepository;
import dev.smsinbox.domain.NewInboundMessage;
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.domain.SenderNumberRepository;
import dev.smsinbox.sms.PhoneNumbers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A customer's SMS enters the inbox: matched to a contact by E.164 number (a new contact when
 * nobody has it), filed in the conversation with the number they texted, attributed to the campaign
 * or automated SMS it answers, and announced live — all in one transaction, so that when this
 * returns the message is ours and the carrier may be told so.
 */
public class ReceiveSms {

  /** What became of an inbound SMS. */
  public sealed interface Outcome {}

  public record Stored(Message message) implements Outcome {}

  /** Sent to a number that is not ours or not two-way: acknowledged, counted, not shown. */
  public record NotForTheInbox(String reason) implements Outcome {}

  /** Refused for a reason the carrier can act on (a sender address that is no phone number). */
  public record Refused(RequestRefused reason) implements Outcome {}

  private static final Logger LOG = Logger.getLogger(ReceiveSms.class.getName());

  private final UnitOfWork unitOfWork;
  private final ContactRepository contacts;
  private final SenderNumberRepository numbers;
  private final ConversationRepository conversations;
  private final MessageRepository messages;
  private final InboxEvents events;
  private final Duration attributionWindow;
  private final MessageHooks hooks;
  private final Duration duplicateWindow;
  private final InboxTelemetry telemetry;

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
      InboxTelemetry telemetry) {
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
  }

  /**
   * @throws RequestRefused INVALID when the sender's number cannot be a phone number
   */
  public Outcome receive(InboundSms sms) {
    Outcome outcome = receiveAll(List.of(sms)).get(0);
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
    return unitOfWork.inTransaction(() -> new Filing(batch).file());
  }

  /** One SMS of a batch that is for the inbox, with what is found out about it on the way. */
  private static final class Arrival {
    final int index;
    final InboundSms sms;
    final SenderNumber number;
    final String from;
    final String fingerprint;
    Contact contact;
    long conversationId;
    InReplyTo latestAttributable;
    Arrival firstCopy;
    Message stored;

    Arrival(int index, InboundSms sms, SenderNumber number, String from) {
      this.index = index;
      this.sms = sms;
      this.number = number;
      this.from = from;
      this.fingerprint = fingerprint(from, number.number(), sms.text());
    }
  }

  /**
   * The work of one batch, a statement per step for the whole batch rather than per SMS, so a busy
   * link pays for its statements and commit once per batch.
   */
  private final class Filing {
    private final List<InboundSms> batch;
    private final Outcome[] outcomes;
    private final List<Arrival> arrivals = new ArrayList<>();

    Filing(List<InboundSms> batch) {
      this.batch = batch;
      this.outcomes = new Outcome[batch.size()];
    }

    List<Outcome> file() {
      sortOut();
      if (!arrivals.isEmpty()) {
        List<Arrival> fresh = skipRedeliveries();
        if (!fresh.isEmpty()) {
          findParties(fresh);
          store(fresh);
        }
        for (Arrival a : arrivals) {
          if (a.firstCopy != null) {
            outcomes[a.index] = redelivery(a, a.firstCopy.stored);
          }
        }
      }
      return Arrays.asList(outcomes);
    }

    /** Which SMS are for the inbox, and from whom. */
    private void sortOut() {
      Map<String, Optional<SenderNumber>> ours = new HashMap<>();
      for (int i = 0; i < batch.size(); i++) {
        InboundSms sms = batch.get(i);
        Optional<SenderNumber> number =
            ours.computeIfAbsent(
                sms.to(), to -> PhoneNumbers.toE164(to, "US").flatMap(numbers::findByNumber));
        if (number.isEmpty() || !number.get().isTwoWay()) {
          String reason =
              number.isEmpty()
                  ? sms.to() + " is not one of our sender numbers"
                  : number.get().whyNotTwoWay();
          LOG.info(() -> "Inbound SMS from " + sms.from() + " not filed: " + reason);
          telemetry.notForInbox();
          outcomes[i] = new NotForTheInbox(reason);
          continue;
        }
        Optional<String> from = PhoneNumbers.toE164(sms.from(), number.get().country());
        if (from.isEmpty()) {
          outcomes[i] =
              new Refused(
                  RequestRefused.invalid(
                      "The sender address '" + sms.from() + "' is not a phone number."));
          continue;
        }
        arrivals.add(new Arrival(i, sms, number.get(), from.get()));
      }
    }

    /**
     * Redeliveries of a stored SMS, or of one earlier in this batch, answer the first copy.
     *
     * @return the SMS to store
     */
    private List<Arrival> skipRedeliveries() {
      Instant since =
          arrivals.stream()
              .map(a -> a.sms.receivedAt())
              .min(Comparator.naturalOrder())
              .orElseThrow();
      Map<String, Message> stored =
          messages.findByFingerprints(
              arrivals.stream().map(a -> a.fingerprint).collect(Collectors.toSet()),
              since.minus(duplicateWindow));
      Map<String, Arrival> firstInBatch = new HashMap<>();
      List<Arrival> fresh = new ArrayList<>();
      for (Arrival a : arrivals) {
        Message earlier = stored.get(a.fingerprint);
        if (earlier != null && !earlier.at().isBefore(a.sms.receivedAt().minus(duplicateWindow))) {
          outcomes[a.index] = redelivery(a, earlier);
        } else if (firstInBatch.containsKey(a.fingerprint)) {
          a.firstCopy = firstInBatch.get(a.fingerprint);
        } else {
          firstInBatch.put(a.fingerprint, a);
          fresh.add(a);
        }
      }
      return fresh;
    }

    /**
     * Everyone is matched by number, a number nobody has becoming a new contact, and filed in their
     * conversation with the number they texted, a first text starting one.
     */
    private void findParties(List<Arrival> fresh) {
      Map<Long, List<Arrival>> byNumber =
          fresh.stream().collect(Collectors.groupingBy(a -> a.number.id()));
      byNumber.forEach(
          (numberId, withNumber) -> {
            Instant at = withNumber.get(0).sms.receivedAt();
            Set<String> phones = withNumber.stream().map(a -> a.from).collect(Collectors.toSet());
            Map<String, Party> known = new HashMap<>(conversations.findParties(numberId, phones));
            List<String> strangers =
                phones.stream().filter(p -> !known.containsKey(p)).sorted().toList();
            if (!strangers.isEmpty()) {
              contacts
                  .createAll(strangers, at)
                  .forEach(c -> known.put(c.phone(), new Party(c, null, null)));
            }
            List<Long> firstTexts =
                known.values().stream()
                    .filter(p -> p.conversationId() == null)
                    .map(p -> p.contact().id())
                    .sorted()
                    .toList();
            Map<Long, Long> started = conversations.createAll(numberId, firstTexts, at);
            for (Arrival a : withNumber) {
              Party party = known.get(a.from);
              a.contact = party.contact();
              a.conversationId =
                  party.conversationId() != null
                      ? party.conversationId()
                      : started.get(party.contact().id());
              a.latestAttributable = party.latestAttributable();
            }
          });
    }

    private void store(List<Arrival> fresh) {
      List<NewInboundMessage> rows = new ArrayList<>(fresh.size());
      for (Arrival a : fresh) {
        // What they answer: the latest campaign or automated SMS, if sent within the window.
        InReplyTo inReplyTo = a.latestAttributable;
        if (inReplyTo != null
            && inReplyTo.at().isBefore(a.sms.receivedAt().minus(attributionWindow))) {
          inReplyTo = null;
        }
        rows.add(
            new NewInboundMessage(
                a.conversationId,
                a.sms.text(),
                a.sms.segments(),
                a.sms.encoding(),
                inReplyTo,
                a.sms.incomplete(),
                a.sms.receivedAt(),
                a.fingerprint));
      }
      List<Message> inserted = messages.insertInbound(rows);
      Map<Long, ConversationRepository.Activity> activity = new LinkedHashMap<>();
      for (int i = 0; i < fresh.size(); i++) {
        Message m = inserted.get(i);
        activity.merge(
            m.conversationId(),
            new ConversationRepository.Activity(m.conversationId(), m.id(), m.at(), 1),
            (before, later) ->
                new ConversationRepository.Activity(
                    later.conversationId(),
                    later.lastMessageId(),
                    later.at(),
                    before.unread() + later.unread()));
      }
      conversations.recordActivity(List.copyOf(activity.values()));
      List<MessageReceived> announced = new ArrayList<>(fresh.size());
      for (int i = 0; i < fresh.size(); i++) {
        Arrival a = fresh.get(i);
        // Hooks answer the message as they left it (a keyword event), so the live event shows it.
        a.stored = hooks.inbound(inserted.get(i), a.contact, a.number);
        hooks.stored(unitOfWork, a.stored);
        announced.add(
            new MessageReceived(a.conversationId, a.stored, a.contact.phone(), a.number.number()));
        outcomes[a.index] = new Stored(a.stored);
        telemetry.received();
        // logp: naming the source spares the logger a stack walk per message on the hot path.
        LOG.logp(
            Level.INFO,
            ReceiveSms.class.getName(),
            "receive",
            () ->
                "Inbound SMS "
                    + a.stored.id()
                    + " from "
                    + a.from
                    + " stored in conversation "
                    + a.conversationId);
      }
      events.publishAll(InboxEvents.MESSAGE_RECEIVED, announced);
    }

    private Outcome redelivery(Arrival a, Message first) {
      LOG.info(
          () ->
              "Inbound SMS from "
                  + a.from
                  + " is a redelivery of message "
                  + first.id()
                  + "; stored once");
      telemetry.duplicate();
      return new Stored(first);
    }
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
