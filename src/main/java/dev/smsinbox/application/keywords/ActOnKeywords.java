package dev.smsinbox.application.keywords;

import dev.smsinbox.application.InboxEventPayloads;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.contacts.OptOutRegistry;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.InboxEvents;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.Direction;
import dev.smsinbox.domain.KeywordEvent;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageRepository;
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.domain.crm.Consent;
import dev.smsinbox.domain.crm.ListSubscription;
import java.util.List;
import java.util.logging.Logger;

/**
 * Honours opt-out keywords in the transaction that files the customer's SMS (E1), so the opt-out is
 * recorded with the message or not at all: STOP … unsubscribes the contact from every SMS list,
 * blocks later sends and confirms once; START … lifts the block, re-subscribes the lists a STOP
 * ended and confirms; HELP / INFO answers the help text. The message stays in the conversation,
 * marked with what it did.
 */
public class ActOnKeywords implements MessageHooks.InboundHook {

  private static final Logger LOG = Logger.getLogger(ActOnKeywords.class.getName());

  private final KeywordSettings settings;
  private final OptOutRegistry registry;
  private final CrmConnector crm;
  private final MessageRepository messages;
  private final KeywordReplies replies;
  private final InboxEvents events;

  /** Told of each opt-out and opt-in that changed something, in the message's transaction. */
  public static final String OPTED_OUT = "contact.opted-out";

  public static final String OPTED_IN = "contact.opted-in";

  public ActOnKeywords(
      KeywordSettings settings,
      OptOutRegistry registry,
      CrmConnector crm,
      MessageRepository messages,
      KeywordReplies replies,
      InboxEvents events) {
    this.settings = settings;
    this.registry = registry;
    this.crm = crm;
    this.messages = messages;
    this.replies = replies;
    this.events = events;
  }

  @Override
  public Message onInbound(Message message, Contact contact, SenderNumber number) {
    if (message.direction() != Direction.INBOUND) {
      return message;
    }
    var found = settings.keywordsFor(number.country()).match(message.text());
    if (found.isEmpty()) {
      return message;
    }
    KeywordEvent event = found.get().event();
    String keyword = found.get().keyword();
    messages.markKeywordEvent(message.id(), event);
    Consent byTheirText = new Consent(message.at(), contact.phone(), Consent.SMS_KEYWORD);
    List<ListSubscription> subscriptions = crm.subscriptionsOf(contact.id());
    boolean confirm = true;
    switch (event) {
      case OPT_OUT -> {
        confirm = registry.optOut(contact.phone(), keyword, message.at(), message.id());
        if (confirm) {
          events.publish(OPTED_OUT, consent(message, contact, keyword));
        }
        subscriptions.stream()
            .filter(ListSubscription::isSubscribed)
            .forEach(s -> crm.unsubscribe(contact.id(), s.list().id(), byTheirText));
      }
      case OPT_IN -> {
        if (registry.optIn(contact.phone())) {
          events.publish(OPTED_IN, consent(message, contact, keyword));
        }
        subscriptions.stream()
            .filter(ListSubscription::leftByKeyword)
            .forEach(s -> crm.subscribe(contact.id(), s.list().id(), byTheirText));
      }
      case HELP -> {}
    }
    if (confirm) {
      replies.queue(message.conversationId(), settings.reply(event, number.country()), keyword);
    }
    boolean confirmed = confirm;
    LOG.info(
        () ->
            "Inbound SMS "
                + message.id()
                + " from "
                + contact.phone()
                + " is the keyword "
                + keyword
                + " ("
                + event
                + ")"
                + (confirmed ? "; reply queued" : "; already opted out, no second confirmation"));
    return message.withKeywordEvent(event);
  }

  private static InboxEventPayloads.ConsentChanged consent(
      Message message, Contact contact, String keyword) {
    return new InboxEventPayloads.ConsentChanged(
        contact.id(),
        contact.phone(),
        message.conversationId(),
        message.id(),
        keyword,
        message.at());
  }
}
