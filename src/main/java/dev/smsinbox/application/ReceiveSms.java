package dev.smsinbox.application;

import dev.smsinbox.application.InboxEventPayloads.MessageReceived;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.ContactRepository;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.Direction;
import dev.smsinbox.domain.InReplyTo;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageRepository;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.domain.SenderNumberRepository;
import dev.smsinbox.sms.PhoneNumbers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

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
    return unitOfWork.inTransaction(
        () -> {
          Optional<SenderNumber> ours =
              PhoneNumbers.toE164(sms.to(), "US").flatMap(numbers::findByNumber);
          if (ours.isEmpty() || !ours.get().isTwoWay()) {
            String reason =
                ours.isEmpty()
                    ? sms.to() + " is not one of our sender numbers"
                    : ours.get().whyNotTwoWay();
            LOG.info(() -> "Inbound SMS from " + sms.from() + " not filed: " + reason);
            telemetry.notForInbox();
            return new NotForTheInbox(reason);
          }
          SenderNumber number = ours.get();
          String from =
              PhoneNumbers.toE164(sms.from(), number.country())
                  .orElseThrow(
                      () ->
                          RequestRefused.invalid(
                              "The sender address '" + sms.from() + "' is not a phone number."));
          String fingerprint = fingerprint(from, number.number(), sms.text());
          Optional<Message> duplicate =
              messages.findByFingerprint(fingerprint, sms.receivedAt().minus(duplicateWindow));
          if (duplicate.isPresent()) {
            LOG.info(
                () ->
                    "Inbound SMS from "
                        + from
                        + " is a redelivery of message "
                        + duplicate.get().id()
                        + "; stored once");
            telemetry.duplicate();
            return new Stored(duplicate.get());
          }
          Contact contact =
              contacts
                  .findByPhone(from)
                  .orElseGet(() -> contacts.create(null, null, from, null, sms.receivedAt()));
          long conversationId =
              conversations.findOrCreate(contact.id(), number.id(), sms.receivedAt());
          InReplyTo inReplyTo =
              messages
                  .latestAttributable(conversationId, sms.receivedAt().minus(attributionWindow))
                  .orElse(null);
          Message stored =
              messages.insert(
                  conversationId,
                  Direction.INBOUND,
                  sms.text(),
                  MessageStatus.RECEIVED,
                  sms.segments(),
                  sms.encoding(),
                  null,
                  inReplyTo,
                  sms.incomplete(),
                  sms.receivedAt());
          messages.fingerprint(stored.id(), fingerprint);
          conversations.recordActivity(conversationId, stored.id(), sms.receivedAt(), true);
          // Hooks answer the message as they left it (a keyword event), so the live event shows it.
          Message message = hooks.inbound(stored, contact, number);
          hooks.stored(unitOfWork, message);
          events.publish(
              InboxEvents.MESSAGE_RECEIVED,
              new MessageReceived(conversationId, message, contact.phone(), number.number()));
          telemetry.received();
          LOG.info(
              () ->
                  "Inbound SMS "
                      + message.id()
                      + " from "
                      + from
                      + " stored in conversation "
                      + conversationId);
          return new Stored(message);
        });
  }

  /** The same sender, number and text: what an SMSC's redelivery has in common with the first. */
  static String fingerprint(String from, String to, String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] hash = sha.digest((from + "\n" + to + "\n" + text).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
