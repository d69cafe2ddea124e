package dev.smsinbox.application.outbound;

import dev.smsinbox.application.Caller;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Actor;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.ContactRepository;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.domain.OriginType;
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.domain.SenderNumberRepository;
import dev.smsinbox.sms.PhoneNumbers;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host CRM sends its campaign and automated SMS through us, so the replies can be attributed to
 * them (F4). Each recipient is one transaction: in a batch, a recipient that cannot be sent to (an
 * invalid number, an opt-out, no credit) is skipped with the reason, and the rest go out. One
 * transaction per recipient rather than one for the batch, because a batch of 10,000 in one
 * transaction would hold the credit balance (updated by every send) and the conversations it
 * touches locked until the last one: replies and inbound filing would wait for the whole batch. The
 * price is that a batch can stop half-way; its outcome then says exactly how far it got.
 */
public class SendCrmSms {

  /** What the CRM asks to send. {@code from} may be null: the default sender number. */
  public record CrmSms(String to, String from, String text, Origin origin, String sendAt) {}

  /** One recipient's outcome: the queued message, or why it was skipped. */
  public record Recipient(String to, Message message, String skipped) {}

  /**
   * A batch's outcome: each recipient it reached, in order, and — when a failure that is no refusal
   * (the database went away) stopped it — the recipients after that point, to whom nothing was
   * sent.
   *
   * @param stoppedBy what stopped the batch, null when it reached every recipient
   */
  public record BatchOutcome(
      List<Recipient> recipients, List<String> notSent, RuntimeException stoppedBy) {

    public int queued() {
      return (int) recipients.stream().filter(r -> r.message() != null).count();
    }

    public int skipped() {
      return recipients.size() - queued();
    }
  }

  /**
   * Where a batch keeps track of the recipients it queued, so that sending the same batch again
   * (with the same idempotency key) after it was cut short queues only the others.
   */
  public interface Progress {

    /** A batch sent once: nothing to resume, nothing to record. */
    Progress NONE =
        new Progress() {
          @Override
          public Optional<Message> queuedEarlier(int position) {
            return Optional.empty();
          }

          @Override
          public void queued(int position, Message message) {}
        };

    /** The message an earlier attempt of this batch queued for the recipient at the position. */
    Optional<Message> queuedEarlier(int position);

    /**
     * Records the recipient's message, inside the transaction that queues it: if this throws, the
     * message is not queued either.
     */
    void queued(int position, Message message);
  }

  private final UnitOfWork unitOfWork;
  private final ContactRepository contacts;
  private final SenderNumberRepository numbers;
  private final ConversationRepository conversations;
  private final OutboundQueue outbox;
  private final QuietHoursPolicy quietHours;
  private final Clock clock;

  public SendCrmSms(
      UnitOfWork unitOfWork,
      ContactRepository contacts,
      SenderNumberRepository numbers,
      ConversationRepository conversations,
      OutboundQueue outbox,
      QuietHoursPolicy quietHours,
      Clock clock) {
    this.quietHours = quietHours;
    this.unitOfWork = unitOfWork;
    this.contacts = contacts;
    this.numbers = numbers;
    this.conversations = conversations;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Sends for the caller's account, from one of its numbers, paid by its credits. */
  public Message send(Caller caller, CrmSms sms) {
    Origin origin = checkOrigin(sms.origin());
    outbox.measure(sms.text());
    Instant sendAt = sendAt(sms.sendAt());
    SenderNumber from = sender(caller.accountId(), sms.from());
    return unitOfWork.inTransaction(
        () -> queue(caller.actor(), sms.to(), from, sms.text(), origin, sendAt));
  }

  /** A batch sent once, without an idempotency key. */
  public BatchOutcome sendBatch(
      Caller caller, String fromNumber, String text, Origin origin, List<String> to) {
    return sendBatch(caller, fromNumber, text, origin, to, Progress.NONE);
  }

  /**
   * Sends the text to each recipient, one transaction each, skipping those {@code progress} says an
   * earlier attempt queued. A refusal before the first recipient (origin, text, sender, list) is
   * thrown and leaves nothing behind.
   */
  public BatchOutcome sendBatch(
      Caller caller,
      String fromNumber,
      String text,
      Origin origin,
      List<String> to,
      Progress progress) {
    Origin checked = checkOrigin(origin);
    outbox.measure(text);
    if (to == null || to.isEmpty()) {
      throw RequestRefused.invalid("to must list at least one recipient.");
    }
    if (to.size() > 10_000) {
      throw RequestRefused.invalid("A batch holds at most 10000 recipients; split it.");
    }
    SenderNumber from = sender(caller.accountId(), fromNumber);
    List<Recipient> outcomes = new ArrayList<>(to.size());
    for (int i = 0; i < to.size(); i++) {
      String recipient = to.get(i);
      Optional<Message> earlier = progress.queuedEarlier(i);
      if (earlier.isPresent()) {
        outcomes.add(new Recipient(recipient, earlier.get(), null));
        continue;
      }
      int position = i;
      try {
        Message message =
            unitOfWork.inTransaction(
                () -> {
                  Message queued = queue(caller.actor(), recipient, from, text, checked, null);
                  progress.queued(position, queued);
                  return queued;
                });
        outcomes.add(new Recipient(recipient, message, null));
      } catch (RequestRefused refused) {
        outcomes.add(new Recipient(recipient, null, refused.getMessage()));
      } catch (RuntimeException failure) {
        // Not this recipient's fault: most likely the database went away, and the next ones would
        // fail the same way. Those before stay queued (each committed alone); the answer must say
        // so rather than "nothing was changed", or a retry would send them twice.
        return new BatchOutcome(outcomes, new ArrayList<>(to.subList(i, to.size())), failure);
      }
    }
    return new BatchOutcome(outcomes, List.of(), null);
  }

  /** The CRM's {@code sendAt}: ISO-8601 with an offset, in the future; null when absent. */
  private Instant sendAt(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw RequestRefused.invalid(
          "sendAt must be an ISO-8601 time with its offset, such as 2026-12-04T09:00:00+01:00,"
              + " not '"
              + value
              + "'.");
    }
    if (!at.isAfter(clock.instant())) {
      throw RequestRefused.invalid("sendAt " + value + " is not in the future; leave it out.");
    }
    if (at.isAfter(clock.instant().plus(SendReply.MAX_SCHEDULE))) {
      throw RequestRefused.invalid("sendAt may be at most 366 days ahead.");
    }
    return at;
  }

  private Message queue(
      Actor sentBy, String to, SenderNumber from, String text, Origin origin, Instant sendAt) {
    String phone =
        PhoneNumbers.toE164(to, from.country())
            .orElseThrow(() -> RequestRefused.invalid("'" + to + "' is not a phone number."));
    Contact contact =
        contacts
            .findByPhone(from.accountId(), phone)
            .orElseGet(
                () -> contacts.create(from.accountId(), null, null, phone, null, clock.instant()));
    long conversationId = conversations.findOrCreate(contact.id(), from.id(), clock.instant());
    // Campaigns and automations never text a customer in their night: held, never refused.
    Instant due = sendAt != null ? sendAt : clock.instant();
    var hold = quietHours.hold(from.accountId(), phone, due);
    if (hold.isPresent()) {
      return outbox.queue(
          conversationId,
          contact,
          from,
          text,
          origin,
          sentBy,
          hold.get().until(),
          hold.get().why());
    }
    return outbox.queue(conversationId, contact, from, text, origin, sentBy, sendAt, null);
  }

  /** The account's number to send from; another account's number is not ours to use. */
  private SenderNumber sender(String accountId, String from) {
    return unitOfWork.inTransaction(
        () -> {
          if (from == null || from.isBlank()) {
            return numbers.all(accountId).stream()
                .filter(SenderNumber::isTwoWay)
                .findFirst()
                .orElseThrow(
                    () ->
                        RequestRefused.invalid(
                            "No two-way sender number is registered; give 'from' or register"
                                + " one with POST /api/numbers."));
          }
          return PhoneNumbers.toE164(from, "US")
              .flatMap(numbers::findByNumber)
              .filter(n -> n.accountId().equals(accountId))
              .orElseThrow(
                  () ->
                      RequestRefused.invalid(
                          "'"
                              + from
                              + "' is not one of our sender numbers; see GET /api/numbers."));
        });
  }

  private static Origin checkOrigin(Origin origin) {
    if (origin == null
        || origin.type() == null
        || origin.type() == OriginType.INBOX
        || origin.id() == null
        || origin.id().isBlank()
        || origin.name() == null
        || origin.name().isBlank()) {
      throw RequestRefused.invalid(
          "origin must be {type: CAMPAIGN or AUTOMATION, id, name}: replies are attributed to"
              + " it.");
    }
    return origin;
  }
}
