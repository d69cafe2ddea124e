package dev.smsinbox.application.keywords;

import dev.smsinbox.application.InboxEventPayloads;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.contacts.OptOutRegistry;
import dev.smsinbox.application.port.CrmChangeQueue.Kind;
import dev.smsinbox.application.port.InboxEvents;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.ContactRepository;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.Direction;
import dev.smsinbox.domain.KeywordEvent;
import dev.smsinbox.domain.KeywordRule;
import dev.smsinbox.domain.KeywordRuleRepository;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageRepository;
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.domain.UnroutedSms;
import dev.smsinbox.domain.UnroutedSmsRepository;
import dev.smsinbox.domain.crm.Consent;
import dev.smsinbox.support.Masked;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Honours opt-out keywords in the transaction that files the customer's SMS (E1), so the opt-out is
 * recorded with the message or not at all: STOP … unsubscribes the contact from every SMS list (at
 * once with the embedded CRM, through the durable {@link CrmChanges} queue with a remote one),
 * blocks later sends and confirms once; START … lifts the block, re-subscribes the lists a STOP
 * ended and confirms; HELP / INFO answers the help text. The message stays in the conversation,
 * marked with what it did.
 *
 * <p>On every number of ours: a STOP to a number that is not two-way (a campaign's) is an unrouted
 * SMS, kept for an admin rather than shown in a conversation, and it counts all the same — the
 * block is by the customer's number, whichever of ours sends. Its confirmation goes out from the
 * number they texted, in their conversation with it (started if need be, as a campaign send would
 * start it), since every outbound SMS belongs to a conversation. A business's sender ID ("ACME")
 * cannot be texted back, so its words are no keyword.
 *
 * <p>A text that is no opt-out keyword may be the keyword of one of the account's keyword rules
 * (issue 20, JOIN …): the contact is enrolled in the rule's automation through {@link CrmChanges}
 * (at once with the embedded CRM, queued for any other), the message is marked {@code ENROL} and
 * the rule's reply, if it has one, is sent as the confirmations are. A contact who opted out is
 * neither enrolled nor answered: their text stays an ordinary message.
 */
public class ActOnKeywords implements MessageHooks.InboundHook, MessageHooks.UnroutedHook {

  private static final Logger LOG = Logger.getLogger(ActOnKeywords.class.getName());

  private final KeywordSettings settings;
  private final OptOutRegistry registry;
  private final CrmChanges crm;
  private final MessageRepository messages;
  private final KeywordReplies replies;
  private final InboxEvents events;
  private final ContactRepository contacts;
  private final ConversationRepository conversations;
  private final UnroutedSmsRepository unrouted;
  private final KeywordRuleRepository rules;

  /** Told of each opt-out and opt-in that changed something, in the message's transaction. */
  public static final String OPTED_OUT = "contact.opted-out";

  public static final String OPTED_IN = "contact.opted-in";

  public ActOnKeywords(
      KeywordSettings settings,
      OptOutRegistry registry,
      CrmChanges crm,
      MessageRepository messages,
      KeywordReplies replies,
      InboxEvents events,
      ContactRepository contacts,
      ConversationRepository conversations,
      UnroutedSmsRepository unrouted,
      KeywordRuleRepository rules) {
    this.settings = settings;
    this.registry = registry;
    this.crm = crm;
    this.messages = messages;
    this.replies = replies;
    this.events = events;
    this.contacts = contacts;
    this.conversations = conversations;
    this.unrouted = unrouted;
    this.rules = rules;
  }

  /**
   * What a customer's text asked for, when its whole text is a keyword.
   *
   * @param rule the keyword rule of an {@link KeywordEvent#ENROL}, else null
   */
  private record Asked(KeywordEvent event, String keyword, KeywordRule rule) {}

  private Optional<Asked> asked(String text, SenderNumber number, String phone) {
    Optional<Asked> optOut =
        settings
            .keywordsFor(number.country())
            .match(text)
            .map(found -> new Asked(found.event(), found.keyword(), null));
    if (optOut.isPresent()) {
      return optOut;
    }
    // The account's keyword rules: one indexed query, only for a text that could be a keyword.
    return RuleKeywords.lookupKey(text)
        .flatMap(key -> RuleKeywords.choose(rules.byKey(number.accountId(), key), number.id()))
        .filter(rule -> notOptedOut(number, phone, rule))
        .map(rule -> new Asked(KeywordEvent.ENROL, rule.keyword(), rule));
  }

  private boolean notOptedOut(SenderNumber number, String phone, KeywordRule rule) {
    if (!registry.isOptedOut(number.accountId(), phone)) {
      return true;
    }
    LOG.info(
        () ->
            Masked.phone(phone)
                + " texted the keyword "
                + rule.keyword()
                + " to "
                + number.number()
                + " but opted out: not enrolled, not answered");
    return false;
  }

  @Override
  public Message onInbound(Message message, Contact contact, SenderNumber number) {
    if (message.direction() != Direction.INBOUND
        || contact.isSenderId()
        || message.unreadable() != null) {
      return message;
    }
    Optional<Asked> asked = asked(message.text(), number, contact.phone());
    if (asked.isEmpty()) {
      return message;
    }
    messages.markKeywordEvent(message.id(), asked.get().event());
    act(asked.get(), contact, number, message.conversationId(), message.id(), message.at());
    return message.withKeywordEvent(asked.get().event());
  }

  @Override
  public UnroutedSms onUnrouted(UnroutedSms sms, SenderNumber number) {
    if (sms.unreadable() != null || !sms.from().startsWith("+")) {
      return sms;
    }
    Optional<Asked> asked = asked(sms.text(), number, sms.from());
    if (asked.isEmpty()) {
      return sms;
    }
    unrouted.markKeywordEvent(sms.id(), asked.get().event());
    Contact contact =
        contacts
            .findByPhone(number.accountId(), sms.from())
            .orElseGet(
                () ->
                    contacts.create(
                        number.accountId(), null, null, sms.from(), null, sms.receivedAt()));
    long conversationId = conversations.findOrCreate(contact.id(), number.id(), sms.receivedAt());
    act(asked.get(), contact, number, conversationId, null, sms.receivedAt());
    return sms.withKeywordEvent(asked.get().event());
  }

  /**
   * @param messageId the message that was the keyword; null for an unrouted SMS
   */
  private void act(
      Asked asked,
      Contact contact,
      SenderNumber number,
      long conversationId,
      Long messageId,
      Instant at) {
    // The keyword is the account's whose number was texted: its opt-outs, its CRM's lists.
    String account = number.accountId();
    Consent byTheirText = new Consent(at, contact.phone(), Consent.SMS_KEYWORD);
    var consent =
        new InboxEventPayloads.ConsentChanged(
            contact.id(), contact.phone(), conversationId, messageId, asked.keyword(), at);
    boolean confirm = true;
    switch (asked.event()) {
      case OPT_OUT -> {
        confirm = registry.optOut(account, contact.phone(), asked.keyword(), at, messageId);
        if (confirm) {
          events.publish(account, OPTED_OUT, consent);
        }
        crm.asked(account, contact.id(), Kind.OPT_OUT, byTheirText);
      }
      case OPT_IN -> {
        if (registry.optIn(account, contact.phone())) {
          events.publish(account, OPTED_IN, consent);
        }
        crm.asked(account, contact.id(), Kind.OPT_IN, byTheirText);
      }
      case HELP -> {}
      case ENROL -> {
        crm.enrol(
            account,
            contact.id(),
            asked.rule().automationId(),
            new Consent(at, "SMS keyword " + asked.keyword(), Consent.SMS_KEYWORD));
        confirm = asked.rule().reply() != null;
      }
    }
    if (confirm) {
      replies.queue(
          conversationId,
          asked.event() == KeywordEvent.ENROL
              ? asked.rule().reply()
              : settings.reply(asked.event(), number.country()),
          asked.keyword());
    }
    boolean confirmed = confirm;
    LOG.info(
        () ->
            (messageId == null ? "Unrouted SMS to " + number.number() : "Inbound SMS " + messageId)
                + " from "
                + Masked.phone(contact.phone())
                + " is the keyword "
                + asked.keyword()
                + " ("
                + asked.event()
                + ")"
                + (confirmed
                    ? "; reply queued"
                    : asked.event() == KeywordEvent.ENROL
                        ? "; the rule has no reply"
                        : "; already opted out, no second confirmation"));
  }
}
