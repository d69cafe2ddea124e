package dev.smsinbox.application.outbound;

import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
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
import java.util.ArrayList;
import java.util.List;

/**
 * The host CRM sends its campaign and automated SMS through us, so the replies can be attributed to
 * them (F4). Each recipient is one transaction: in a batch, a recipient that cannot be sent to (an
 * invalid number, an opt-out, no credit) is skipped with the reason, and the rest go out.
 */
public class SendCrmSms {

  /** What the CRM asks to send. {@code from} may be null: the default sender number. */
  public record CrmSms(String to, String from, String text, Origin origin) {}

  /** One recipient's outcome: the queued message, or why it was skipped. */
  public record Recipient(String to, Message message, String skipped) {}

  private final UnitOfWork unitOfWork;
  private final ContactRepository contacts;
  private final SenderNumberRepository numbers;
  private final ConversationRepository conversations;
  private final OutboundQueue outbox;
  private final Clock clock;

  public SendCrmSms(
      UnitOfWork unitOfWork,
      ContactRepository contacts,
      SenderNumberRepository numbers,
      ConversationRepository conversations,
      OutboundQueue outbox,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.contacts = contacts;
    this.numbers = numbers;
    this.conversations = conversations;
    this.outbox = outbox;
    this.clock = clock;
  }

  public Message send(CrmSms sms) {
    Origin origin = checkOrigin(sms.origin());
    outbox.measure(sms.text());
    SenderNumber from = sender(sms.from());
    return unitOfWork.inTransaction(() -> queue(sms.to(), from, sms.text(), origin));
  }

  public List<Recipient> sendBatch(String fromNumber, String text, Origin origin, List<String> to) {
    Origin checked = checkOrigin(origin);
    outbox.measure(text);
    if (to == null || to.isEmpty()) {
      throw RequestRefused.invalid("to must list at least one recipient.");
    }
    if (to.size() > 10_000) {
      throw RequestRefused.invalid("A batch holds at most 10000 recipients; split it.");
    }
    SenderNumber from = sender(fromNumber);
    List<Recipient> outcomes = new ArrayList<>(to.size());
    for (String recipient : to) {
      try {
        Message message = unitOfWork.inTransaction(() -> queue(recipient, from, text, checked));
        outcomes.add(new Recipient(recipient, message, null));
      } catch (RequestRefused refused) {
        outcomes.add(new Recipient(recipient, null, refused.getMessage()));
      }
    }
    return outcomes;
  }

  private Message queue(String to, SenderNumber from, String text, Origin origin) {
    String phone =
        PhoneNumbers.toE164(to, from.country())
            .orElseThrow(() -> RequestRefused.invalid("'" + to + "' is not a phone number."));
    Contact contact =
        contacts
            .findByPhone(phone)
            .orElseGet(() -> contacts.create(null, null, phone, null, clock.instant()));
    long conversationId = conversations.findOrCreate(contact.id(), from.id(), clock.instant());
    return outbox.queue(conversationId, contact, from, text, origin);
  }

  private SenderNumber sender(String from) {
    return unitOfWork.inTransaction(
        () -> {
          if (from == null || from.isBlank()) {
            return numbers.all().stream()
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
