package dev.smsinbox.runtime.demo;

import dev.smsinbox.application.Caller;
import dev.smsinbox.application.Credits;
import dev.smsinbox.application.assistant.ManageInboxSettings;
import dev.smsinbox.application.inbound.InboundSms;
import dev.smsinbox.application.inbound.ReceiveSms;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.BrandKit;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.ContactRepository;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.Direction;
import dev.smsinbox.domain.FaqEntry;
import dev.smsinbox.domain.InboxSettings;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageRepository;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.domain.OriginType;
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.domain.SenderNumberRepository;
import dev.smsinbox.runtime.InboxCore;
import dev.smsinbox.sms.SmsComposer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A first-run inbox that is never empty (DEMO_DATA_ENABLED): twenty contacts, our dedicated US
 * number, a campaign and an automated SMS sent to them, and a few replies. Seeded once, into an
 * inbox that has no sender numbers yet.
 */
public final class DemoData {

  public static final String DEMO_NUMBER = "+14155550100";

  /** The demo number of the demo host CRM's n-th account (1, 2): +14155550200, +14155550300. */
  public static String demoNumber(int n) {
    return "+14155550" + (n + 1) + "00";
  }

  private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

  private static final String[][] PEOPLE = {
    {"Ann", "Lee", "+14155550101", "ann.lee@example.com"},
    {"José", "García", "+14155550102", "jose.garcia@example.com"},
    {"Mia", "Chen", "+14155550103", "mia.chen@example.com"},
    {"Liam", "O'Brien", "+14155550104", "liam.obrien@example.com"},
    {"Sofia", "Rossi", "+14155550105", "sofia.rossi@example.com"},
    {"Noah", "Smith", "+14155550106", "noah.smith@example.com"},
    {"Emma", "Johnson", "+14155550107", "emma.johnson@example.com"},
    {"Lucas", "Müller", "+14155550108", "lucas.muller@example.com"},
    {"Olivia", "Brown", "+14155550109", "olivia.brown@example.com"},
    {"Ethan", "Davis", "+14155550110", "ethan.davis@example.com"},
    {"Ava", "Wilson", "+14155550111", "ava.wilson@example.com"},
    {"Mason", "Taylor", "+14155550112", "mason.taylor@example.com"},
    {"Isabella", "Anderson", "+14155550113", "isabella.anderson@example.com"},
    {"Logan", "Thomas", "+14155550114", "logan.thomas@example.com"},
    {"Amelia", "Moore", "+14155550115", "amelia.moore@example.com"},
    {"Elijah", "Martin", "+14155550116", "elijah.martin@example.com"},
    {"Harper", "Jackson", "+14155550117", "harper.jackson@example.com"},
    {"James", "White", "+14155550118", "james.white@example.com"},
    {"Zoë", "Harris", "+14155550119", "zoe.harris@example.com"},
    {"Benjamin", "Clark", "+14155550120", "benjamin.clark@example.com"},
  };

  private static final Origin CAMPAIGN =
      new Origin(OriginType.CAMPAIGN, "c-101", "Black Friday preview");
  private static final Origin AUTOMATION =
      new Origin(OriginType.AUTOMATION, "a-7", "Appointment reminder");

  private DemoData() {}

  /**
   * The demo inbox of one account on one of its numbers (the demo's host CRM has two accounts
   * besides the demo users' own: each gets its inbox on its own number, with the same customers, so
   * a person sees the accounts stay apart).
   */
  public static void seedIfEmpty(InboxCore core, Clock clock, String account, String ourNumber) {
    UnitOfWork unitOfWork = core.unitOfWork;
    SenderNumberRepository numbers = core.numbers;
    ContactRepository contacts = core.contacts;
    ConversationRepository conversations = core.conversations;
    MessageRepository messages = core.messages;
    ReceiveSms receiveSms = core.receiveSms;
    Credits credits = core.credits;
    boolean seeded = unitOfWork.inTransaction(() -> !numbers.all(account).isEmpty());
    if (seeded) {
      return;
    }
    Instant now = clock.instant();
    Instant campaignAt = now.minus(Duration.ofDays(2));
    Instant automationAt = now.minus(Duration.ofHours(20));
    unitOfWork.run(
        () -> {
          SenderNumber number = numbers.save(account, ourNumber, "US", true, true, campaignAt);
          for (int i = 0; i < PEOPLE.length; i++) {
            String[] p = PEOPLE[i];
            Contact contact = contacts.create(account, p[0], p[1], p[2], p[3], campaignAt);
            long conversation = conversations.findOrCreate(contact.id(), number.id(), campaignAt);
            send(
                conversations,
                messages,
                conversation,
                "Hi "
                    + p[0]
                    + "! Our Black Friday preview starts tomorrow: 30% off everything for SMS"
                    + " subscribers. Reply with any question. STOP to opt out",
                CAMPAIGN,
                campaignAt.plusSeconds(i));
            if (i % 3 == 0) {
              send(
                  conversations,
                  messages,
                  conversation,
                  "Reminder: your appointment is tomorrow at 10:00. Reply C to confirm or R to"
                      + " reschedule.",
                  AUTOMATION,
                  automationAt.plusSeconds(i));
            }
          }
        });
    credits.topUp(demo(account), 1000, "Demo credits");
    reply(
        receiveSms, ourNumber, 0, "Does the 30% also apply to gift cards?", now.minusSeconds(3600));
    reply(receiveSms, ourNumber, 3, "C", now.minusSeconds(2400));
    reply(
        receiveSms, ourNumber, 1, "¿Tienen envío gratis a Puerto Rico? 🚚", now.minusSeconds(1800));
    reply(
        receiveSms, ourNumber, 6, "R — can we move it to Friday afternoon?", now.minusSeconds(900));
    reply(receiveSms, ourNumber, 4, "Grazie! Ci sarò 😊", now.minusSeconds(300));
    reply(
        receiveSms,
        ourNumber,
        9,
        "Is the store on Market St open on Sunday?",
        now.minusSeconds(60));
    LOG.info(
        () ->
            "Demo data seeded for account "
                + account
                + ": "
                + PEOPLE.length
                + " contacts on "
                + ourNumber);
  }

  /** The demo data as the audit names it. */
  private static Caller demo(String account) {
    return new Caller("demo-data", "Demo data", null, account, Set.of(), Optional.empty());
  }

  private static void send(
      ConversationRepository conversations,
      MessageRepository messages,
      long conversation,
      String text,
      Origin origin,
      Instant at) {
    var measure = SmsComposer.measure(text);
    Message message =
        messages.insert(
            conversation,
            Direction.OUTBOUND,
            text,
            MessageStatus.DELIVERED,
            measure.segments(),
            measure.encoding().name(),
            origin,
            null,
            false,
            at,
            null);
    conversations.recordActivity(conversation, message.id(), at, false);
    if (origin.attributable()) {
      conversations.recordAttributable(conversation, message.id());
    }
  }

  private static void reply(
      ReceiveSms receiveSms, String ourNumber, int person, String text, Instant at) {
    var measure = SmsComposer.measure(text);
    receiveSms.receive(
        new InboundSms(
            PEOPLE[person][2], ourNumber, text, measure.segments(), measure.encoding().name(), at));
  }

  /**
   * Draft reply and summaries switched on, with a brand kit and an FAQ that answers some of the
   * demo replies, in an inbox whose AI settings are still the defaults. No web pages: the demo runs
   * offline.
   */
  public static void seedInboxSettings(ManageInboxSettings settings, String account) {
    if (!settings.current(account).equals(InboxSettings.defaults())) {
      return;
    }
    settings.save(
        demo(account),
        new ManageInboxSettings.Change(
            true,
            true,
            true,
            new BrandKit("Acme Store", "Warm and brief", "- Acme Store", List.of()),
            "FRIENDLY",
            List.of(),
            List.of(
                new FaqEntry(
                    "Does the Black Friday discount apply to gift cards?",
                    "The 30% Black Friday discount does not apply to gift cards, but it covers"
                        + " everything else in store and online."),
                new FaqEntry(
                    "What are the store's opening hours?",
                    "Our Market St store is open Monday to Saturday 9am-7pm and Sunday 11am-5pm."),
                new FaqEntry(
                    "Can I move my appointment?",
                    "Of course: reply with a day and time that suit you and we will confirm a new"
                        + " slot."),
                new FaqEntry(
                    "Do you offer free shipping?",
                    "Shipping is free on orders over $50 within the US.")),
            false));
    LOG.info("Demo inbox settings seeded: Draft reply and Conversation summary on");
  }
}
