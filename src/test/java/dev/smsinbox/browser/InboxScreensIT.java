package dev.smsinbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.smsinbox.it.FreshNumbers;
import dev.smsinbox.it.InboxExtension;
import dev.smsinbox.it.PageServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an administrator does in the inbox, in a real browser: find a conversation, read it, see a
 * customer's text arrive live, reply and watch it turn Delivered, count characters, act on the
 * contact, change the AI settings, use it in Italian; customer text never becomes markup.
 */
class InboxScreensIT extends BrowserTest {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  @Test
  void findsAConversationOpensItAndSeesTheNextTextArriveLive() {
    String customer = FreshNumbers.us();
    deliver(customer, "Do you open on Sunday?");

    open("/");
    assertThat(page.getByTestId("conversation-row").first()).isVisible();

    page.keyboard().press("/");
    assertThat(page.getByTestId("search")).isFocused();
    page.keyboard().type(digitsOf(customer));
    Locator rows = page.getByTestId("conversation-row");
    assertThat(rows).hasCount(1);
    assertThat(rows.first()).containsText(customer);
    assertThat(rows.first()).containsText("Do you open on Sunday?");
    screenshot("list-search");

    rows.first().click();
    Locator thread = page.getByTestId("thread");
    assertThat(thread.getByTestId("message-text")).hasText("Do you open on Sunday?");
    assertThat(page.locator("#conversation-title")).hasText(customer);

    deliver(customer, "And is parking free?");
    assertThat(thread.getByTestId("message-text").last()).hasText("And is parking free?");
    assertThat(rows.first()).containsText("And is parking free?");
    screenshot("conversation-live");
  }

  @Test
  void aConversationWhoseContactIsDeletedElsewhereLeavesTheScreenAtOnce() {
    String customer = FreshNumbers.us();
    deliver(customer, "Please delete my data");
    openConversationWith(customer, "Please delete my data");
    long contact = thread(conversationIdOf(customer)).get("contact").get("id").asLong();

    // Deleted by another admin, or by the CRM (F10): the history is gone, and so is the screen.
    Assertions.assertThat(inbox.admin().delete("/api/contacts/" + contact).status()).isEqualTo(204);

    assertThat(
            page.getByTestId("conversation-row")
                .filter(new Locator.FilterOptions().setHasText(customer)))
        .hasCount(0);
    assertThat(page.getByTestId("thread").getByTestId("message-text")).hasCount(0);
    assertThat(page.locator("#conversation-placeholder"))
        .hasText("This conversation was deleted with its contact.");
    assertThat(page.getByTestId("composer")).isDisabled();
    screenshot("conversation-deleted");
  }

  @Test
  void arrowsMoveBetweenConversationsAndTheUnreadSwitchFilters() {
    String older = FreshNumbers.us();
    String newer = FreshNumbers.us();
    deliver(older, "First in line");
    deliver(newer, "Second in line");

    open("/");
    Locator rows = page.getByTestId("conversation-row");
    assertThat(rows.nth(0)).containsText(newer);
    assertThat(rows.nth(1)).containsText(older);

    page.keyboard().press("/");
    page.keyboard().press("ArrowDown");
    assertThat(rows.nth(0)).isFocused();
    page.keyboard().press("ArrowDown");
    assertThat(rows.nth(1)).isFocused();
    assertThat(rows.nth(1)).hasAttribute("aria-selected", "true");
    assertThat(page.getByTestId("thread").getByTestId("message-text")).hasText("First in line");
    assertThat(rows.nth(1)).not().hasClass(Pattern.compile("is-unread"));

    page.getByTestId("unread-only").check();
    assertThat(rows.filter(new Locator.FilterOptions().setHasText(newer))).hasCount(1);
    assertThat(rows.filter(new Locator.FilterOptions().setHasText(older))).hasCount(0);
  }

  @Test
  void aReplyGoesOutAndTurnsSentThenDelivered() {
    String customer = FreshNumbers.us();
    deliver(customer, "Can I move my booking to Friday?");
    openConversationWith(customer, "Can I move my booking to Friday?");

    inbox.smsc().setReceiptDelay(Duration.ofSeconds(3));
    String reply = "Of course: Friday at 10 works {see you}";
    page.getByTestId("composer").fill(reply);
    assertThat(page.getByTestId("send")).isEnabled();
    page.getByTestId("composer").press("Control+Enter");

    Locator sent =
        page.locator("[data-testid=message][data-direction=OUTBOUND]")
            .filter(new Locator.FilterOptions().setHasText(reply));
    assertThat(sent.getByTestId("message-status")).hasText(Pattern.compile("Queued|Sent"));
    assertThat(page.getByTestId("composer")).hasValue("");
    assertThat(sent.getByTestId("message-status"))
        .hasText(
            "Delivered",
            new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                .setTimeout(40_000));
    screenshot("reply-delivered");
  }

  @Test
  void aReplyTheCarrierCouldNotDeliverSaysWhy() {
    String customer = FreshNumbers.us();
    deliver(customer, "Please call me back");
    openConversationWith(customer, "Please call me back");
    inbox.smsc().setReceiptDelay(Duration.ofMillis(300));
    inbox.smsc().setReceiptState("UNDELIV");
    try {
      page.getByTestId("composer").fill("We will call you at five");
      page.getByTestId("send").click();
      Locator sent =
          page.locator("[data-testid=message][data-direction=OUTBOUND]")
              .filter(new Locator.FilterOptions().setHasText("We will call you at five"));
      assertThat(sent.getByTestId("message-status"))
          .hasText(
              Pattern.compile("^Failed: .+"),
              new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                  .setTimeout(40_000));
      screenshot("reply-failed");
    } finally {
      inbox.smsc().setReceiptState("DELIVRD");
    }
  }

  @Test
  void theComposerCountsCharactersMessagesAndCreditsAndNamesTheUnicodeCharacter() {
    String customer = FreshNumbers.us();
    deliver(customer, "How much is it?");
    openConversationWith(customer, "How much is it?");

    Locator composer = page.getByTestId("composer");
    Locator counter = page.getByTestId("composer-counter");
    Locator credits = page.getByTestId("composer-credits");

    composer.fill("Hello there");
    assertThat(counter).hasText("11 characters · 1 message · GSM-7 · 149 left");
    assertThat(credits).hasText("uses 1 credit");
    assertThat(page.locator("#composer-warning")).isHidden();

    composer.fill("x".repeat(161));
    assertThat(counter).hasText(Pattern.compile("^161 characters · 2 messages · GSM-7"));
    assertThat(credits).hasText("uses 2 credits");

    composer.fill("See you soon 😀");
    assertThat(counter).hasAttribute("data-encoding", "UCS2");
    assertThat(counter).containsText("1 message · Unicode");
    assertThat(page.locator("#composer-warning")).isVisible();
    assertThat(page.locator("#composer-warning")).containsText("😀");
    assertThat(page.locator("#composer-warning")).containsText("Unicode");
    screenshot("composer-emoji");
  }

  @Test
  void customerTextIsShownAsTextNeverAsMarkup() {
    String customer = FreshNumbers.us();
    String payload = "<img src=x onerror=alert(1)>";
    deliver(customer, payload);
    openConversationWith(customer, payload);

    assertThat(page.getByTestId("thread").getByTestId("message-text")).hasText(payload);
    assertThat(page.getByTestId("thread").locator("img")).hasCount(0);
    assertThat(page.getByTestId("conversation-list").locator("img")).hasCount(0);
    assertThat(page.getByTestId("conversation-row").first()).containsText(payload);
    Assertions.assertThat(dialogs).as("dialogs opened by the page").isEmpty();
    screenshot("xss-as-text");
  }

  @Test
  void aLongConversationOpensWithTheNewestMessagesAndOlderOnesComeOnScroll() {
    String customer = FreshNumbers.us();
    int total = 450;
    for (int i = 1; i <= total; i++) {
      deliver(customer, "Message " + i);
    }
    // A conversation that is long before it is opened: all of it filed first.
    long conversation = conversationIdOf(customer);
    await("all " + total + " messages are filed")
        .atMost(Duration.ofSeconds(30))
        .until(() -> thread(conversation).get("messages").size() == total);
    openConversationWith(customer, "Message " + total);

    Locator messages = page.getByTestId("thread").getByTestId("message");
    assertThat(messages).hasCount(200);
    assertThat(page.getByTestId("load-older")).isVisible();

    Locator scroller = page.locator("#thread-scroll");
    scroller.evaluate("el => { el.scrollTop = 0; }");
    assertThat(messages).hasCount(400);
    Assertions.assertThat(((Number) scroller.evaluate("el => el.scrollTop")).doubleValue())
        .as("the reader keeps their place when older messages are added above")
        .isGreaterThan(100);
    // The button's own click, without Playwright scrolling it into view first: reaching the top
    // would load the rest by itself (as it should) and hide the button under the click.
    page.getByTestId("load-older").dispatchEvent("click");
    assertThat(messages).hasCount(total);
    assertThat(page.getByTestId("load-older")).isHidden();
    assertThat(messages.first().getByTestId("message-text")).hasText("Message 1");
  }

  @Test
  void anOptOutIsMarkedInTheThreadAndTheAutomaticReplyIsLabelled() {
    String customer = FreshNumbers.us();
    deliver(customer, "STOP");
    long conversation = conversationIdOf(customer);
    await("the automatic reply to STOP")
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              for (JsonNode m : thread(conversation).get("messages")) {
                if ("keyword-reply".equals(m.path("origin").path("id").asText())) {
                  return true;
                }
              }
              return false;
            });

    openConversation(digitsOf(customer), customer);
    Locator stop =
        page.locator("[data-testid=message][data-direction=INBOUND]")
            .filter(new Locator.FilterOptions().setHasText("STOP"));
    assertThat(stop.getByTestId("keyword-event")).hasText("Opted out");
    Locator reply = page.locator("[data-testid=message][data-direction=OUTBOUND]");
    assertThat(reply).hasCount(1);
    assertThat(reply.getByTestId("automatic-reply")).hasText("Automatic reply");
    assertThat(reply.getByTestId("automatic-reply"))
        .hasAttribute("title", "Automatic reply to STOP");
    assertThat(page.getByTestId("contact-opt-out")).containsText("Opted out of SMS with STOP");
    screenshot("opt-out-and-automatic-reply");
  }

  @Test
  void theContactPanelActsOnTheCrmRecord() {
    String customer = FreshNumbers.us();
    deliver(customer, "Tag me please");
    conversationIdOf(customer);
    // The host CRM names the contact; the name is shown as text, never as markup.
    var named =
        inbox
            .crm()
            .post(
                "/api/contacts",
                Map.of("firstName", "Ann", "lastName", "<b>Lee</b>", "phone", customer));
    Assertions.assertThat(named.status()).as(named.body()).isIn(200, 201);
    long contactId = named.json().get("id").asLong();

    openConversation(digitsOf(customer), "Ann <b>Lee</b>");
    assertThat(page.getByTestId("contact-name")).hasText("Ann <b>Lee</b>");
    assertThat(page.locator("#contact-panel-body b")).hasCount(0);
    assertThat(page.getByTestId("contact-profile-link"))
        .hasAttribute("href", Pattern.compile("^https?://"));

    // A tag: added, listed once the panel has read the record again, removed.
    Locator tags = page.getByTestId("contact-tags");
    String tag = "vip-" + digitsOf(customer);
    tags.getByTestId("tag-input").fill(tag);
    tags.getByTestId("tag-add").click();
    Locator chip = tags.getByTestId("tag").filter(new Locator.FilterOptions().setHasText(tag));
    assertThat(chip).hasCount(1);
    Assertions.assertThat(tagNames(contactId)).contains(tag);
    chip.getByTestId("tag-remove").click();
    assertThat(chip).hasCount(0);
    Assertions.assertThat(tagNames(contactId)).doesNotContain(tag);

    // An account by name.
    String account = "Lee Holdings " + digitsOf(customer);
    page.getByTestId("account-input").fill(account);
    page.getByTestId("account-add").click();
    assertThat(page.getByTestId("account-name")).hasText(account);

    // An SMS list: subscribed with a consent record, then removed.
    Locator list = page.getByTestId("list").first();
    String listName = list.locator(".list-name").textContent();
    Locator sameList =
        page.getByTestId("list").filter(new Locator.FilterOptions().setHasText(listName));
    assertThat(sameList).hasAttribute("data-state", "NOT_SUBSCRIBED");
    sameList.getByTestId("list-add").click();
    assertThat(sameList).hasAttribute("data-state", "SUBSCRIBED");
    assertThat(sameList.locator(".list-state")).hasText("Subscribed");
    assertThat(sameList.locator(".list-state")).hasAttribute("title", Pattern.compile("admin"));
    sameList.getByTestId("list-remove").click();
    assertThat(sameList).hasAttribute("data-state", "UNSUBSCRIBED");

    // An automation, chosen from the ones the CRM has.
    Locator select = page.getByTestId("automation-select");
    String automation = select.locator("option").first().textContent();
    page.getByTestId("automation-add").click();
    assertThat(
            page.getByTestId("automation")
                .filter(new Locator.FilterOptions().setHasText(automation)))
        .hasCount(1);

    // A deal the CRM refuses is explained in words; a good one is listed.
    page.getByTestId("deal-title").fill("Renewal");
    page.getByTestId("deal-value").fill("1200.50");
    page.getByTestId("deal-currency").fill("XYZ");
    page.getByTestId("deal-add").click();
    assertThat(page.getByTestId("contact-error")).containsText("Not done:");
    assertThat(page.getByTestId("contact-error")).containsText("ISO 4217");
    assertThat(page.getByTestId("deal")).hasCount(0);
    page.getByTestId("deal-title").fill("Renewal");
    page.getByTestId("deal-value").fill("1200.50");
    page.getByTestId("deal-currency").fill("eur");
    page.getByTestId("deal-add").click();
    assertThat(page.getByTestId("deal")).hasCount(1);
    assertThat(page.getByTestId("deal")).containsText("Renewal");
    assertThat(page.getByTestId("deal")).containsText("€1,200.50");
    assertThat(page.getByTestId("contact-error")).isHidden();
    Assertions.assertThat(dialogs).as("dialogs opened by the page").isEmpty();
    screenshot("contact-panel");
  }

  @Test
  void theSettingsDialogSavesTheAiSettingsAndExplainsARefusal() {
    try (PageServer site =
        new PageServer(
            Map.of(
                "/opening-hours",
                "<html><body><p>We open at 9:00 on Saturdays.</p></body></html>"))) {
      String readable = site.url("/opening-hours");
      String unreadable = "http://127.0.0.1:1/nothing-listens-here";

      open("/");
      page.getByTestId("open-settings").click();
      Locator dialog = page.getByTestId("settings-dialog");
      assertThat(dialog).isVisible();
      assertThat(dialog.getByTestId("settings-role").locator("option[value=PROFESSIONAL]"))
          .hasText(Pattern.compile("^Professional — "));

      // Draft reply without the tick: refused, in words.
      dialog.getByTestId("settings-draft-reply").check();
      dialog.getByTestId("settings-confirmed").uncheck();
      dialog.getByTestId("settings-summary").uncheck();
      dialog.getByTestId("settings-save").click();
      assertThat(dialog.getByTestId("settings-error"))
          .containsText("Not saved: Draft reply can only be turned on after ticking");
      screenshot("settings-refused");

      dialog.getByTestId("settings-confirmed").check();
      String brand = "Acme " + digitsOf(FreshNumbers.us());
      dialog.getByTestId("settings-brand-name").fill(brand);
      dialog.getByTestId("settings-words-to-avoid").fill("cheap, guarantee");
      dialog.getByTestId("settings-role").selectOption("PROFESSIONAL");
      dialog.getByTestId("settings-url-0").fill(readable);
      dialog.getByTestId("settings-url-1").fill(unreadable);
      dialog.getByTestId("settings-url-2").fill("");
      for (Locator remove : dialog.getByTestId("settings-faq-remove").all()) {
        remove.click();
      }
      dialog.getByTestId("settings-faq-add").click();
      dialog.getByTestId("settings-faq-question").last().fill("Do you ship abroad?");
      dialog.getByTestId("settings-faq-answer").last().fill("Yes, within the EU.");
      dialog.getByTestId("settings-save").click();
      assertThat(dialog.getByTestId("settings-status")).hasText("Saved.");
      assertThat(dialog.getByTestId("settings-error")).isHidden();
      assertThat(dialog.getByTestId("settings-url-result-0"))
          .hasText(Pattern.compile("^Read: \\d+ characters$"));
      assertThat(dialog.getByTestId("settings-url-result-1"))
          .hasText(Pattern.compile("^Not used: .+"));
      screenshot("settings");

      JsonNode saved = inbox.admin().get("/api/settings/inbox").json();
      Assertions.assertThat(saved.get("draftReply").asBoolean()).isTrue();
      Assertions.assertThat(saved.get("mistakesAcknowledged").asBoolean()).isTrue();
      Assertions.assertThat(saved.get("role").asText()).isEqualTo("PROFESSIONAL");
      Assertions.assertThat(saved.get("brandKit").get("brandName").asText()).isEqualTo(brand);
      Assertions.assertThat(saved.get("brandKit").get("wordsToAvoid").toString())
          .isEqualTo("[\"cheap\",\"guarantee\"]");
      Assertions.assertThat(saved.get("faq")).hasSize(1);

      page.reload();
      page.getByTestId("open-settings").click();
      assertThat(dialog.getByTestId("settings-brand-name")).hasValue(brand);
      assertThat(dialog.getByTestId("settings-draft-reply")).isChecked();
      assertThat(dialog.getByTestId("settings-confirmed")).isChecked();
      assertThat(dialog.getByTestId("settings-role")).hasValue("PROFESSIONAL");
      assertThat(dialog.getByTestId("settings-url-1")).hasValue(unreadable);
      assertThat(dialog.getByTestId("settings-faq-answer")).hasValue("Yes, within the EU.");
      page.keyboard().press("Escape");
      assertThat(dialog).isHidden();
      assertThat(page.getByTestId("draft-reply")).isVisible();
    }
  }

  @Test
  void draftReplyFillsTheBoxAndNeverSends() {
    saveSettings(
        Map.of(
            "draftReply",
            true,
            "mistakesAcknowledged",
            true,
            "faq",
            List.of(
                Map.of(
                    "question", "When do you open on Saturdays?",
                    "answer", "We open at 9:00 on Saturdays."))));
    String customer = FreshNumbers.us();
    deliver(customer, "When do you open on Saturdays?");
    long conversation = conversationIdOf(customer);
    openConversationWith(customer, "When do you open on Saturdays?");

    page.getByTestId("draft-reply").click();
    assertThat(page.getByTestId("composer")).hasValue(Pattern.compile("\\S"));
    assertThat(page.getByTestId("composer-counter")).containsText("message");
    assertThat(page.getByTestId("send")).isEnabled();
    Assertions.assertThat(thread(conversation).get("messages"))
        .as("a draft is never sent by itself")
        .hasSize(1);
    assertThat(page.locator("[data-testid=message][data-direction=OUTBOUND]")).hasCount(0);

    saveSettings(Map.of("draftReply", false));
    page.reload();
    assertThat(page.getByTestId("thread").getByTestId("message-text"))
        .hasText("When do you open on Saturdays?");
    assertThat(page.getByTestId("draft-reply")).isHidden();
  }

  @Test
  void aSummaryAppearsLiveInTheOpenThread() {
    saveSettings(Map.of("conversationSummary", true));
    try {
      String customer = FreshNumbers.us();
      for (int i = 1; i <= 9; i++) {
        deliver(customer, "Note " + i);
      }
      long conversation = conversationIdOf(customer);
      await("nine messages filed")
          .atMost(Duration.ofSeconds(20))
          .until(() -> thread(conversation).get("messages").size() == 9);
      openConversationWith(customer, "Note 9");
      assertThat(page.getByTestId("summary")).hasCount(0);

      String tenth = "Where is my parcel <img src=x onerror=alert(1)>?";
      deliver(customer, tenth);
      Locator summary = page.getByTestId("summary");
      assertThat(summary).hasCount(1);
      assertThat(summary).containsText("Summary of the first 10 messages");
      Locator afterTenth =
          page.locator(
              "[data-testid=message]:has-text('Where is my parcel') + [data-testid=summary]");
      assertThat(afterTenth).hasCount(1);
      assertThat(summary.locator("img")).hasCount(0);
      screenshot("summary-live");

      page.reload();
      assertThat(page.getByTestId("summary")).hasCount(1);
      Assertions.assertThat(dialogs).as("dialogs opened by the page").isEmpty();
    } finally {
      saveSettings(Map.of("conversationSummary", false));
    }
  }

  @Test
  void theComposerShowsTheCreditBalance() {
    long balance = inbox.admin().get("/api/credits").json().get("balance").asLong();
    open("/");
    assertThat(page.getByTestId("composer-balance")).isVisible();
    assertThat(page.getByTestId("composer-balance"))
        .hasAttribute("data-balance", Pattern.compile("\\d+"));
    Assertions.assertThat(
            Long.parseLong(page.getByTestId("composer-balance").getAttribute("data-balance")))
        .as("the balance the API gave a moment ago, less any sends since")
        .isLessThanOrEqualTo(balance + 1_000_000);
  }

  @Test
  void theScreenSpeaksItalian() {
    open("/?lang=it");
    assertThat(page.locator("html")).hasAttribute("lang", "it");
    assertThat(page.getByTestId("search"))
        .hasAttribute("placeholder", "Cerca nome, telefono, email o messaggio");
    assertThat(page.getByText("Solo non letti")).isVisible();
    assertThat(page.getByTestId("send")).hasText("Invia");
    assertThat(page.getByTestId("composer-counter")).containsText("0 caratteri");
    assertThat(page.locator("#conversation-placeholder"))
        .hasText("Seleziona una conversazione per leggerla.");
    assertThat(
            page.getByRole(
                AriaRole.HEADING,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Contatto")))
        .isVisible();
    screenshot("italian");
  }

  @Test
  void anUnreadableTextSaysSoAndShowsItsBytesOnRequest() {
    String customer = FreshNumbers.us();
    byte[] octets = new byte[140];
    java.util.Arrays.fill(octets, (byte) 0xFF);
    // 140 octets of 0xFF under data_coding 0: no GSM 03.38 text (it used to show 140 × "à").
    Assertions.assertThat(
            inbox
                .smsc()
                .deliverRaw(
                    customer.substring(1),
                    inbox.ourNumber().substring(1),
                    (byte) 0,
                    (byte) 0,
                    octets))
        .isZero();

    openConversationWith(customer, "unreadable message (data coding 0x00, 140 octets)");
    Locator message = page.getByTestId("thread").getByTestId("message").last();
    Locator bytes = message.getByTestId("unreadable-octets");
    assertThat(bytes).isHidden();
    message.getByTestId("unreadable-toggle").click();
    assertThat(bytes).isVisible();
    assertThat(bytes).hasText(String.join(" ", java.util.Collections.nCopies(140, "ff")));
    assertThat(message.getByTestId("unreadable-toggle")).hasAttribute("aria-expanded", "true");
    screenshot("unreadable-message");
  }

  @Test
  void aSenderIdsConversationCannotBeAnsweredAndTheComposerSaysWhy() {
    String sender = "Shop" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
    deliver(sender, "Your parcel arrives today");

    openConversation(sender, sender);
    assertThat(page.getByTestId("thread").getByTestId("message-text").last())
        .hasText("Your parcel arrives today");
    assertThat(page.getByTestId("composer")).isDisabled();
    assertThat(page.getByTestId("send")).isDisabled();
    assertThat(page.getByTestId("composer-blocked"))
        .containsText("'" + sender + "' is an alphanumeric sender ID");
    screenshot("sender-id");

    // Another conversation can be answered again.
    String customer = FreshNumbers.us();
    deliver(customer, "Is this thing on?");
    openConversationWith(customer, "Is this thing on?");
    assertThat(page.getByTestId("composer")).isEnabled();
    assertThat(page.getByTestId("composer-blocked")).isHidden();
  }

  @Test
  void aFloodsWaitingSmsAreCountedAboveTheListUntilTheyAppear() throws Exception {
    // A flood is PostgreSQL's to take (H2, the demo's database, files it at a fraction of the
    // rate, and the screens' tests after this one would wait behind its backlog).
    Assumptions.assumeTrue(
        "postgresql".equals(System.getProperty("it.db.label")),
        "a flood of the link is measured on PostgreSQL (the PostgreSQL run)");
    open("/");
    Locator waiting = page.getByTestId("inbound-waiting");
    assertThat(waiting).isHidden();
    AtomicInteger listRequests = new AtomicInteger();
    page.onRequest(
        request -> {
          if (request.url().contains("/api/inbox/conversations?")) {
            listRequests.incrementAndGet();
          }
        });

    // A carrier sending as fast as the link takes, 32 in flight: filing holds back for it, and the
    // SMS wait in the journal while the carrier is answered.
    List<String> customers = IntStream.range(0, 32).mapToObj(n -> FreshNumbers.us()).toList();
    AtomicBoolean flooding = new AtomicBoolean(true);
    Map<String, String> lastSent = new ConcurrentHashMap<>();
    ExecutorService carrier = Executors.newFixedThreadPool(customers.size());
    try {
      for (String customer : customers) {
        carrier.submit(
            () -> {
              for (int n = 1; flooding.get(); n++) {
                String text = "Flood " + n;
                if (inbox.deliver(customer, text) == 0) {
                  lastSent.put(customer, text);
                }
              }
            });
      }
      assertThat(waiting).isVisible();
      assertThat(waiting).containsText("SMS received are waiting to be filed");
      // Said once to screen readers as it appears, not each time the count changes.
      assertThat(page.locator("#announcer")).containsText("SMS received are waiting to be filed");
      Assertions.assertThat(Long.parseLong(waiting.getAttribute("data-waiting"))).isPositive();
      screenshot("inbound-waiting");
    } finally {
      flooding.set(false);
      carrier.shutdown();
    }
    Assertions.assertThat(carrier.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    // Once the flood ends, filing catches up: the line goes and each customer's last SMS is listed.
    assertThat(waiting).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(120_000));
    // Thousands of SMS of conversations the list did not hold yet: the list was asked for a few
    // times, not once an SMS (which ran the browser out of connections).
    Assertions.assertThat(listRequests.get()).isBetween(1, 50);
    // Every customer's last SMS filed: nothing of the flood is left for the tests after this one.
    for (String each : customers) {
      await("the last SMS from " + each + " filed")
          .atMost(Duration.ofMinutes(2))
          .until(() -> lastTextListed(each), lastSent.get(each)::equals);
    }
    String customer = customers.get(0);
    page.getByTestId("search").fill(digitsOf(customer));
    page.getByTestId("search").press("Enter");
    assertThat(
            page.getByTestId("conversation-row")
                .filter(new Locator.FilterOptions().setHasText(customer)))
        .containsText(lastSent.get(customer));
  }

  // --- helpers --------------------------------------------------------------------------------

  void deliver(String customer, String text) {
    Assertions.assertThat(inbox.deliver(customer, text))
        .as("the inbox accepts the deliver_sm")
        .isZero();
  }

  /**
   * The last text of the customer's conversation as the list shows it; null before it is listed.
   */
  static String lastTextListed(String customer) {
    JsonNode items =
        inbox.admin().get("/api/inbox/conversations?q=" + digitsOf(customer)).json().get("items");
    for (JsonNode item : items) {
      if (customer.equals(item.get("contact").get("phone").asText())) {
        return item.get("lastMessage").get("text").asText();
      }
    }
    return null;
  }

  /** The search matches any common phone format; the last seven digits are enough. */
  static String digitsOf(String phone) {
    return phone.substring(phone.length() - 7);
  }

  void openConversationWith(String customer, String lastText) {
    open("/");
    page.getByTestId("search").fill(digitsOf(customer));
    page.getByTestId("search").press("Enter"); // search now, not after the typing pause
    Locator row =
        page.getByTestId("conversation-row")
            .filter(new Locator.FilterOptions().setHasText(customer));
    assertThat(row).hasCount(1);
    row.click();
    assertThat(page.getByTestId("thread").getByTestId("message-text").last()).hasText(lastText);
  }

  /** Searches, opens the one row that shows {@code rowText} and waits for its title. */
  void openConversation(String search, String rowText) {
    open("/");
    page.getByTestId("search").fill(search);
    page.getByTestId("search").press("Enter");
    Locator row =
        page.getByTestId("conversation-row")
            .filter(new Locator.FilterOptions().setHasText(rowText));
    assertThat(row).hasCount(1);
    row.click();
    assertThat(page.locator("#conversation-title")).hasText(rowText);
  }

  static JsonNode thread(long conversation) {
    return inbox.admin().get("/api/inbox/conversations/" + conversation).json();
  }

  static List<String> tagNames(long contactId) {
    List<String> names = new ArrayList<>();
    inbox
        .admin()
        .get("/api/contacts/" + contactId)
        .json()
        .get("tags")
        .forEach(t -> names.add(t.get("name").asText()));
    return names;
  }

  static void saveSettings(Map<String, Object> settings) {
    var saved = inbox.admin().put("/api/settings/inbox", settings);
    Assertions.assertThat(saved.status()).as(saved.body()).isEqualTo(200);
  }

  static long conversationIdOf(String customer) {
    return await("the conversation with " + customer)
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              for (JsonNode item :
                  inbox
                      .admin()
                      .get("/api/inbox/conversations?q=" + digitsOf(customer))
                      .json()
                      .get("items")) {
                if (customer.equals(item.get("contact").get("phone").asText())) {
                  return item.get("id").asLong();
                }
              }
              return null;
            },
            Objects::nonNull);
  }
}
