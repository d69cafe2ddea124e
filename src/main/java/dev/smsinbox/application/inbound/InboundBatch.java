package dev.smsinbox.application.inbound;

import dev.smsinbox.application.InboxEventPayloads.MessageReceived;
import dev.smsinbox.application.inbound.ReceiveSms.NotForTheInbox;
import dev.smsinbox.application.inbound.ReceiveSms.Outcome;
import dev.smsinbox.application.inbound.ReceiveSms.Refused;
import dev.smsinbox.application.inbound.ReceiveSms.Stored;
import dev.smsinbox.application.port.InboxEvents;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.ConversationRepository.Party;
import dev.smsinbox.domain.InReplyTo;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.NewInboundMessage;
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.sms.PhoneNumbers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;

/**
 * The filing of one batch of inbound SMS for {@link ReceiveSms}, inside its transaction: a
 * statement per step for the whole batch rather than per SMS, so a busy link pays for its
 * statements and commit once per batch. Each SMS ends as it would alone.
 */
final class InboundBatch {

  /** One SMS of a batch that is for the inbox, with what is found out about it on the way. */
  private static final class Arrival {
    final int index;
    final InboundSms sms;
    final SenderNumber number;
    final String from;
    String fingerprint;
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
    }
  }

  private final ReceiveSms use;
  private final List<InboundSms> batch;
  private final Outcome[] outcomes;
  private final List<Arrival> arrivals = new ArrayList<>();

  InboundBatch(ReceiveSms use, List<InboundSms> batch) {
    this.use = use;
    this.batch = batch;
    this.outcomes = new Outcome[batch.size()];
  }

  List<Outcome> file() {
    sortOut(use.numbers::findByNumber);
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

  /** Commits the SMS that are for the inbox to the journal; they are filed later. */
  List<Outcome> accept() {
    sortOut(use.twoWay::find);
    use.journal.append(arrivals.stream().map(a -> a.sms).toList());
    for (Arrival a : arrivals) {
      outcomes[a.index] = new ReceiveSms.Accepted();
    }
    return Arrays.asList(outcomes);
  }

  /**
   * Which SMS are for the inbox, and from whom.
   *
   * @param ours our number with that E.164 form
   */
  private void sortOut(Function<String, Optional<SenderNumber>> ours) {
    Map<String, Optional<SenderNumber>> numbers = new HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      InboundSms sms = batch.get(i);
      Optional<SenderNumber> number =
          numbers.computeIfAbsent(sms.to(), to -> PhoneNumbers.toE164(to, "US").flatMap(ours));
      if (number.isEmpty() || !number.get().isTwoWay()) {
        String reason =
            number.isEmpty()
                ? sms.to() + " is not one of our sender numbers"
                : number.get().whyNotTwoWay();
        ReceiveSms.LOG.info(() -> "Inbound SMS from " + sms.from() + " not filed: " + reason);
        use.unitOfWork.afterCommit(use.telemetry::notForInbox);
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
    for (Arrival a : arrivals) {
      a.fingerprint = ReceiveSms.fingerprint(a.from, a.number.number(), a.sms.text());
    }
    Instant since =
        arrivals.stream().map(a -> a.sms.receivedAt()).min(Comparator.naturalOrder()).orElseThrow();
    Map<String, Message> stored =
        use.messages.findByFingerprints(
            arrivals.stream().map(a -> a.fingerprint).collect(Collectors.toSet()),
            since.minus(use.duplicateWindow));
    Map<String, Arrival> firstInBatch = new HashMap<>();
    List<Arrival> fresh = new ArrayList<>();
    for (Arrival a : arrivals) {
      Message earlier = stored.get(a.fingerprint);
      if (earlier != null
          && !earlier.at().isBefore(a.sms.receivedAt().minus(use.duplicateWindow))) {
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
          Map<String, Party> known = new HashMap<>(use.conversations.findParties(numberId, phones));
          List<String> strangers =
              phones.stream().filter(p -> !known.containsKey(p)).sorted().toList();
          if (!strangers.isEmpty()) {
            use.contacts
                .createAll(strangers, at)
                .forEach(c -> known.put(c.phone(), new Party(c, null, null)));
          }
          List<Long> firstTexts =
              known.values().stream()
                  .filter(p -> p.conversationId() == null)
                  .map(p -> p.contact().id())
                  .sorted()
                  .toList();
          Map<Long, Long> started = use.conversations.createAll(numberId, firstTexts, at);
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
          && (inReplyTo.at().isBefore(a.sms.receivedAt().minus(use.attributionWindow))
              // Sent after the SMS arrived (filing comes later): not what it answers.
              || inReplyTo.at().isAfter(a.sms.receivedAt()))) {
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
    List<Message> inserted = use.messages.insertInbound(rows);
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
    use.conversations.recordActivity(List.copyOf(activity.values()));
    List<MessageReceived> announced = new ArrayList<>(fresh.size());
    for (int i = 0; i < fresh.size(); i++) {
      Arrival a = fresh.get(i);
      // Hooks answer the message as they left it (a keyword event), so the live event shows it.
      a.stored = use.hooks.inbound(inserted.get(i), a.contact, a.number);
      use.hooks.stored(use.unitOfWork, a.stored);
      announced.add(
          new MessageReceived(a.conversationId, a.stored, a.contact.phone(), a.number.number()));
      outcomes[a.index] = new Stored(a.stored);
      // Counted on commit: a batch stored again one by one after a failure is counted once.
      use.unitOfWork.afterCommit(use.telemetry::received);
      // logp: naming the source spares the logger a stack walk per message on the hot path.
      ReceiveSms.LOG.logp(
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
    use.events.publishAll(InboxEvents.MESSAGE_RECEIVED, announced);
  }

  private Outcome redelivery(Arrival a, Message first) {
    ReceiveSms.LOG.info(
        () ->
            "Inbound SMS from "
                + a.from
                + " is a redelivery of message "
                + first.id()
                + "; stored once");
    use.unitOfWork.afterCommit(use.telemetry::duplicate);
    return new Stored(first);
  }
}
