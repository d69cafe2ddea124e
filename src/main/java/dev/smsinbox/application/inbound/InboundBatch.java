package dev.smsinbox.application.inbound;

import dev.smsinbox.application.InboxEventPayloads.MessageReceived;
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
import dev.smsinbox.domain.UnroutedSms;
import dev.smsinbox.domain.UnroutedSmsRepository.NewUnroutedSms;
import dev.smsinbox.sms.PhoneNumbers;
import dev.smsinbox.support.Masked;
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

  /** One SMS of a batch that no conversation takes, and why. */
  private static final class Stray {
    final int index;
    final InboundSms sms;
    final SenderNumber number; // null: not ours (any more)
    final Sender sender; // null: neither a phone number nor a sender ID
    final String reason;
    String fingerprint;
    Stray firstCopy;
    UnroutedSms stored;

    Stray(int index, InboundSms sms, SenderNumber number, Sender sender, String reason) {
      this.index = index;
      this.sms = sms;
      this.number = number;
      this.sender = sender;
      this.reason = reason;
    }

    String from() {
      return sender != null ? sender.address() : sms.from();
    }

    String to() {
      return number != null ? number.number() : sms.to();
    }
  }

  private static final ReceiveSms.Accepted ACCEPTED = new ReceiveSms.Accepted();

  private final ReceiveSms use;
  private final List<InboundSms> batch;
  private final Outcome[] outcomes;
  private final List<Arrival> arrivals = new ArrayList<>();
  private final List<Stray> strays = new ArrayList<>();

  InboundBatch(ReceiveSms use, List<InboundSms> batch) {
    this.use = use;
    this.batch = batch;
    this.outcomes = new Outcome[batch.size()];
  }

  List<Outcome> file() {
    route(use.numbers::findByNumber);
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
    if (!strays.isEmpty()) {
      keepUnrouted();
    }
    return Arrays.asList(outcomes);
  }

  /**
   * Commits to the journal every SMS that can be stored — to any number of ours, two-way or not —
   * and refuses the rest with the reason; they are filed later.
   */
  List<Outcome> accept() {
    Map<String, Optional<SenderNumber>> numbers = new HashMap<>();
    Function<String, Optional<SenderNumber>> ours =
        to -> numbers.computeIfAbsent(to, use::ourNumber);
    List<InboundSms> admitted = new ArrayList<>(batch.size());
    int notOurs = 0;
    for (int i = 0; i < batch.size(); i++) {
      try {
        InboundSms sms = use.admit(batch.get(i), ours);
        // Admitted, it is addressed to our number's E.164 form: the journal's count finds its
        // account under that form without looking the number up again.
        numbers.putIfAbsent(sms.to(), numbers.get(batch.get(i).to()));
        admitted.add(sms);
        outcomes[i] = ACCEPTED;
      } catch (RequestRefused refused) {
        outcomes[i] = new Refused(refused);
        if (refused.reason() == RequestRefused.Reason.NOT_FOUND) {
          notOurs++;
        }
      }
    }
    use.journalAdmitted(admitted, ours);
    // Counted once the batch is settled: a batch stored again one by one is counted once.
    for (int i = 0; i < notOurs; i++) {
      use.unitOfWork.afterCommit(use.telemetry::notOurNumber);
    }
    return Arrays.asList(outcomes);
  }

  /**
   * Which SMS go to a conversation (a two-way number of ours, from a phone number or a sender ID)
   * and which are kept among the unrouted SMS, and why.
   *
   * @param ours our number with that E.164 form
   */
  private void route(Function<String, Optional<SenderNumber>> ours) {
    Map<String, Optional<SenderNumber>> numbers = new HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      InboundSms sms = batch.get(i);
      Optional<SenderNumber> number =
          numbers.computeIfAbsent(sms.to(), to -> PhoneNumbers.toE164(to, "US").flatMap(ours));
      Optional<Sender> sender =
          Sender.of(sms.from(), number.map(SenderNumber::country).orElse("US"));
      String reason = null;
      if (number.isEmpty()) {
        // Ours when the carrier was answered (every SMS is checked then), not any more now.
        reason =
            sms.to()
                + " is not one of our numbers (any more); register it again with POST"
                + " /api/numbers to receive its SMS.";
      } else if (sender.isEmpty()) {
        reason = Sender.notASender(sms.from());
      } else if (!number.get().isTwoWay()) {
        reason = number.get().whyNotTwoWay();
      }
      if (reason != null) {
        strays.add(new Stray(i, sms, number.orElse(null), sender.orElse(null), reason));
      } else {
        arrivals.add(new Arrival(i, sms, number.get(), sender.get().address()));
      }
    }
  }

  /**
   * Keeps the SMS no conversation takes, once each (a redelivery answers the first copy), and lets
   * the hooks act on a customer's keyword in them.
   */
  private void keepUnrouted() {
    for (Stray s : strays) {
      s.fingerprint = ReceiveSms.fingerprint(s.from(), s.to(), s.sms.content());
    }
    Instant since =
        strays.stream().map(s -> s.sms.receivedAt()).min(Comparator.naturalOrder()).orElseThrow();
    Map<String, UnroutedSms> kept =
        use.unrouted.findByFingerprints(
            strays.stream().map(s -> s.fingerprint).collect(Collectors.toSet()),
            since.minus(use.duplicateWindow));
    Map<String, Stray> firstInBatch = new HashMap<>();
    List<Stray> fresh = new ArrayList<>();
    for (Stray s : strays) {
      UnroutedSms earlier = kept.get(s.fingerprint);
      if (earlier != null
          && !earlier.receivedAt().isBefore(s.sms.receivedAt().minus(use.duplicateWindow))) {
        outcomes[s.index] = unroutedRedelivery(s, earlier);
      } else if (firstInBatch.containsKey(s.fingerprint)) {
        s.firstCopy = firstInBatch.get(s.fingerprint);
      } else {
        firstInBatch.put(s.fingerprint, s);
        fresh.add(s);
      }
    }
    List<UnroutedSms> inserted =
        use.unrouted.insertAll(
            fresh.stream()
                .map(
                    s ->
                        new NewUnroutedSms(
                            s.from(),
                            s.to(),
                            s.sms.text(),
                            s.sms.segments(),
                            s.sms.encoding(),
                            s.sms.incomplete(),
                            s.sms.receivedAt(),
                            s.reason,
                            s.sms.unreadable(),
                            s.fingerprint))
                .toList());
    for (int i = 0; i < fresh.size(); i++) {
      Stray s = fresh.get(i);
      UnroutedSms stored = inserted.get(i);
      // A customer's STOP counts on every number of ours; a sender ID's words are no keyword.
      if (s.number != null && s.sender != null && !s.sender.senderId()) {
        stored = use.hooks.unrouted(stored, s.number);
      }
      s.stored = stored;
      outcomes[s.index] = new ReceiveSms.Unrouted(stored);
      use.unitOfWork.afterCommit(use.telemetry::unrouted);
      long id = stored.id();
      ReceiveSms.LOG.info(
          () ->
              "Inbound SMS from "
                  + Masked.phone(s.from())
                  + " to "
                  + s.to()
                  + " kept as unrouted SMS "
                  + id
                  + " (GET /api/inbox/unrouted): "
                  + s.reason);
    }
    for (Stray s : strays) {
      if (s.firstCopy != null) {
        outcomes[s.index] = unroutedRedelivery(s, s.firstCopy.stored);
      }
    }
  }

  private Outcome unroutedRedelivery(Stray s, UnroutedSms first) {
    ReceiveSms.LOG.info(
        () ->
            "Inbound SMS from "
                + Masked.phone(s.from())
                + " is a redelivery of unrouted SMS "
                + first.id()
                + "; kept once");
    use.unitOfWork.afterCommit(use.telemetry::duplicate);
    return new ReceiveSms.Unrouted(first);
  }

  /**
   * Redeliveries of a stored SMS, or of one earlier in this batch, answer the first copy.
   *
   * @return the SMS to store
   */
  private List<Arrival> skipRedeliveries() {
    for (Arrival a : arrivals) {
      a.fingerprint = ReceiveSms.fingerprint(a.from, a.number.number(), a.sms.content());
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
            // New contacts of the account whose number they texted.
            use.contacts
                .createAll(withNumber.get(0).number.accountId(), strangers, at)
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
              a.number.accountId(),
              a.number.id(),
              a.conversationId,
              a.sms.text(),
              a.sms.segments(),
              a.sms.encoding(),
              inReplyTo,
              a.sms.incomplete(),
              a.sms.receivedAt(),
              a.fingerprint,
              a.sms.unreadable()));
    }
    List<Message> inserted = use.messages.insertInbound(rows);
    Map<Long, ConversationRepository.Activity> activity = new LinkedHashMap<>();
    for (int i = 0; i < fresh.size(); i++) {
      Message m = inserted.get(i);
      activity.merge(
          m.conversationId(),
          new ConversationRepository.Activity(m.conversationId(), m.id(), m.at(), 1, m.at()),
          (before, later) ->
              new ConversationRepository.Activity(
                  later.conversationId(),
                  later.lastMessageId(),
                  later.at(),
                  before.unread() + later.unread(),
                  before.waitingSince()));
    }
    use.conversations.recordActivity(List.copyOf(activity.values()));
    // Each account hears of its own SMS only.
    Map<String, List<MessageReceived>> announced = new LinkedHashMap<>();
    for (int i = 0; i < fresh.size(); i++) {
      Arrival a = fresh.get(i);
      // Hooks answer the message as they left it (a keyword event), so the live event shows it.
      a.stored = use.hooks.inbound(inserted.get(i), a.contact, a.number);
      use.hooks.stored(use.unitOfWork, a.number.accountId(), a.stored);
      announced
          .computeIfAbsent(a.number.accountId(), account -> new ArrayList<>())
          .add(
              new MessageReceived(
                  a.conversationId, a.stored, a.contact.phone(), a.number.number()));
      outcomes[a.index] = new Stored(a.stored);
      // Counted on commit: a batch stored again one by one after a failure is counted once.
      use.unitOfWork.afterCommit(use.telemetry::received);
      // logp: naming the source spares the logger a stack walk per message on the hot path.
      ReceiveSms.LOG.logp(
          fresh.size() == 1 ? Level.INFO : Level.FINE,
          ReceiveSms.class.getName(),
          "receive",
          () ->
              "Inbound SMS "
                  + a.stored.id()
                  + " from "
                  + Masked.phone(a.from)
                  + " stored in conversation "
                  + a.conversationId);
    }
    if (fresh.size() > 1) {
      // A line a batch: in a burst a line an SMS was a fifth of the filer's CPU and thousands of
      // lines a second in messages.log. Each SMS's own line is at FINE.
      ReceiveSms.LOG.logp(
          Level.INFO,
          ReceiveSms.class.getName(),
          "receive",
          () ->
              fresh.size()
                  + " inbound SMS stored in "
                  + activity.size()
                  + " conversations: messages "
                  + fresh.get(0).stored.id()
                  + " to "
                  + fresh.get(fresh.size() - 1).stored.id());
    }
    announced.forEach(
        (account, received) ->
            use.events.publishAll(account, InboxEvents.MESSAGE_RECEIVED, received));
  }

  private Outcome redelivery(Arrival a, Message first) {
    ReceiveSms.LOG.info(
        () ->
            "Inbound SMS from "
                + Masked.phone(a.from)
                + " is a redelivery of message "
                + first.id()
                + "; stored once");
    use.unitOfWork.afterCommit(use.telemetry::duplicate);
    return new Stored(first);
  }
}
