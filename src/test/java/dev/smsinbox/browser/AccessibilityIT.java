package dev.smsinbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.smsinbox.it.FreshNumbers;
import dev.smsinbox.it.InboxExtension;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Screens everyone can use (issue 25): axe-core finds no WCAG 2.1 A/AA violation on any screen, in
 * English and in Italian, and every control shows where the keyboard is with an indicator of at
 * least 3:1 against what surrounds it.
 */
class AccessibilityIT extends BrowserTest {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  /** More conversations than the list shows at once, so it scrolls (and loads more). */
  static final int CONVERSATIONS = 40;

  static String customer;
  static long conversation;
  static final String SNIPPET = "hours" + Long.toString(System.nanoTime() % 1_000_000, 36);

  @BeforeAll
  static void aBusyInbox() {
    for (int i = 1; i <= CONVERSATIONS; i++) {
      deliver(FreshNumbers.us(), "Hello from customer " + i);
    }
    // One conversation with all the thread can show: texts both ways, a note, a scheduled reply,
    // a named contact.
    customer = FreshNumbers.us();
    deliver(customer, "Can I move my booking to Friday?");
    conversation = conversationIdOf(customer);
    var named =
        inbox
            .crm()
            .post(
                "/api/contacts",
                Map.of(
                    "firstName",
                    "Ann",
                    "lastName",
                    "Lee",
                    "phone",
                    customer,
                    "email",
                    "ann@example.com"));
    Assertions.assertThat(named.status()).as(named.body()).isIn(200, 201);
    String base = "/api/inbox/conversations/" + conversation;
    var reply = inbox.admin().post(base + "/messages", Map.of("text", "Of course, Friday at 10."));
    Assertions.assertThat(reply.status()).as(reply.body()).isIn(200, 201, 202);
    var note = inbox.admin().post(base + "/notes", Map.of("text", "Regular customer"));
    Assertions.assertThat(note.status()).as(note.body()).isIn(200, 201);
    var scheduled =
        inbox
            .admin()
            .post(
                base + "/messages",
                Map.of(
                    "text",
                    "See you on Friday!",
                    "sendAt",
                    OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).withNano(0).toString()));
    Assertions.assertThat(scheduled.status()).as(scheduled.body()).isIn(200, 201, 202);
    deliver(customer, "Great, thanks");

    // The team inbox's marks on the rows: resolved, snoozed, assigned; a saved reply.
    String[] states = {"RESOLVED", "SNOOZED", "ASSIGNED"};
    for (String state : states) {
      String other = FreshNumbers.us();
      deliver(other, "Team inbox: " + state);
      String path = "/api/inbox/conversations/" + conversationIdOf(other);
      Map<String, Object> change =
          switch (state) {
            case "RESOLVED" -> Map.of("status", "RESOLVED");
            case "SNOOZED" ->
                Map.of(
                    "snoozedUntil",
                    OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0).toString());
            default -> Map.of("assigneeId", "admin");
          };
      var changed = inbox.admin().patch(path, change);
      Assertions.assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    }
    var snippet =
        inbox
            .admin()
            .post(
                "/api/snippets",
                Map.of("name", SNIPPET, "text", "We open at 9:00, {{contact.firstName|there}}."));
    Assertions.assertThat(snippet.status()).as(snippet.body()).isEqualTo(201);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "it"})
  void theInboxList(String lang) {
    openInbox(lang);
    check("inbox list (" + lang + ")");
    FocusRing.assertVisibleOnEveryStop(page, "inbox list (" + lang + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "it"})
  void theInboxListScrolled(String lang) {
    openInbox(lang);
    Locator rows = page.getByTestId("conversation-row");
    int before = rows.count();
    page.locator("#conversation-list-scroll").evaluate("el => { el.scrollTop = el.scrollHeight; }");
    rows.nth(Math.min(before, CONVERSATIONS) - 1).scrollIntoViewIfNeeded();
    page.keyboard().press("/");
    page.keyboard().press("ArrowDown");
    for (int i = 0; i < 25; i++) {
      page.keyboard().press("ArrowDown");
    }
    Assertions.assertThat(
            ((Number) page.locator("#conversation-list-scroll").evaluate("el => el.scrollTop"))
                .doubleValue())
        .as("the list is scrolled")
        .isGreaterThan(0);
    check("inbox list scrolled, a read row selected (" + lang + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "it"})
  void aConversationWithTheContactPanel(String lang) {
    openInbox(lang);
    page.getByTestId("search").fill(digitsOf(customer));
    page.getByTestId("search").press("Enter");
    Locator row =
        page.getByTestId("conversation-row")
            .filter(new Locator.FilterOptions().setHasText("Ann Lee"));
    assertThat(row).hasCount(1);
    row.click();
    assertThat(page.getByTestId("thread").getByTestId("message-text").last())
        .hasText("Great, thanks");
    assertThat(page.getByTestId("note")).containsText("Regular customer");
    assertThat(page.getByTestId("contact-name")).hasText("Ann Lee");
    assertThat(page.getByTestId("contact-tags")).isVisible();
    page.getByTestId("composer").fill("Thanks, Ann");
    assertThat(page.getByTestId("composer-counter")).containsText("11");
    check("a conversation with the contact panel (" + lang + ")");
    Assertions.assertThat(FocusRing.assertVisibleOnEveryStop(page, "a conversation (" + lang + ")"))
        .as("controls of the header, thread, composer and contact panel")
        .isGreaterThan(15);

    // The unread row, the note mode and the snippets list of the composer.
    page.getByTestId("note-mode").check();
    page.getByTestId("mark-unread").click();
    check("a conversation, marked unread, writing a note (" + lang + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "it"})
  void theTeamInboxRowsAndTheSavedReplies(String lang) {
    openInbox(lang);
    page.getByTestId("status-filter").selectOption("ALL");
    assertThat(page.getByTestId("row-status").first()).isVisible();
    assertThat(page.getByTestId("row-assignee").first()).isVisible();
    check("the list with every status (" + lang + ")");

    page.getByTestId("conversation-row")
        .filter(new Locator.FilterOptions().setHasText("Team inbox: ASSIGNED"))
        .click();
    page.getByTestId("composer").pressSequentially("/" + SNIPPET.substring(0, 4));
    assertThat(page.getByTestId("snippet-option").first()).isVisible();
    check("the composer offering saved replies (" + lang + ")");
    page.getByTestId("composer").press("Enter");
    assertThat(page.getByTestId("composer-expanded")).isVisible();
    check("a saved reply with its merge fields filled in (" + lang + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "it"})
  void theSettingsDialog(String lang) {
    openInbox(lang);
    page.getByTestId("open-settings").click();
    Locator dialog = page.getByTestId("settings-dialog");
    assertThat(dialog).isVisible();
    dialog.getByTestId("settings-faq-add").click();
    assertThat(dialog.getByTestId("settings-faq-question").last()).isVisible();
    dialog.getByTestId("keyword-rule-add").click(); // the keyword rules' editor open (issue 20)
    assertThat(dialog.getByTestId("keyword-rule-keyword")).isVisible();
    check("the settings dialog (" + lang + ")");
    FocusRing.assertVisibleOnEveryStop(page, "the settings dialog (" + lang + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "it"})
  void theSavedRepliesScreen(String lang) {
    openInbox(lang);
    page.getByTestId("open-snippets").click();
    Locator dialog = page.getByTestId("snippets-dialog");
    Locator item =
        dialog
            .getByTestId("snippet-item")
            .filter(new Locator.FilterOptions().setHasText("/" + SNIPPET));
    assertThat(item).hasCount(1);
    check("the saved replies screen (" + lang + ")");
    FocusRing.assertVisibleOnEveryStop(page, "the saved replies screen (" + lang + ")");

    // Editing: a field the API refused, a field without a value, a text in Unicode. Nothing is
    // saved (the name is refused), so the composer tests keep their snippet.
    item.getByTestId("snippet-edit").click();
    dialog.getByTestId("snippet-text").fill("We open at 9:00, {{contact.firstName}} 😀");
    dialog.getByTestId("snippet-sample-first").fill("");
    assertThat(dialog.getByTestId("snippet-missing")).isVisible();
    assertThat(dialog.getByTestId("snippet-warning")).isVisible();
    dialog.getByTestId("snippet-name").fill("");
    dialog.getByTestId("snippet-save").click();
    assertThat(dialog.getByTestId("snippet-name-error")).isVisible();
    check("the saved replies screen, editing (" + lang + ")");
    FocusRing.assertVisibleOnEveryStop(page, "the saved replies screen, editing (" + lang + ")");

    dialog.getByTestId("snippet-cancel").click();
    item.getByTestId("snippet-delete").click();
    assertThat(item.getByTestId("snippet-confirm")).isVisible();
    check("the saved replies screen, confirming a delete (" + lang + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "it"})
  void theReportsScreen(String lang) {
    openInbox(lang);
    page.getByTestId("open-reports").click();
    Locator dialog = page.getByTestId("reports-dialog");
    assertThat(dialog).isVisible();
    assertThat(page.getByTestId("reports-total-inbound").locator("dd")).not().hasText("");
    page.waitForFunction(
        "() => window.Chart && window.Chart.getChart("
            + "document.querySelector('[data-testid=reports-messages-chart]'))");
    check("the reports screen (" + lang + ")");
    FocusRing.assertVisibleOnEveryStop(page, "the reports screen (" + lang + ")");

    // A chart as its table, the chosen-dates fields, one number.
    page.getByTestId("reports-messages-toggle").click();
    assertThat(page.getByTestId("reports-messages-table")).isVisible();
    page.getByTestId("reports-period").selectOption("custom");
    assertThat(page.getByTestId("reports-from")).isVisible();
    check("the reports screen, a table and chosen dates (" + lang + ")");

    page.setViewportSize(390, 844);
    check("the narrow reports screen (" + lang + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "it"})
  void theNarrowLayout(String lang) {
    page.setViewportSize(390, 844);
    openInbox(lang);
    check("the narrow list (" + lang + ")");
    page.getByTestId("conversation-row").first().click();
    assertThat(page.locator("#back-to-list")).isVisible();
    assertThat(page.getByTestId("thread").getByTestId("message-text").first()).isVisible();
    check("a narrow conversation (" + lang + ")");
    Assertions.assertThat(
            page.locator("#conversation-title").evaluate("el => el.getBoundingClientRect().width"))
        .as("the conversation's title keeps its room beside the back button")
        .matches(width -> ((Number) width).doubleValue() > 150, "wider than 150 px");
    FocusRing.assertVisibleOnEveryStop(page, "a narrow conversation (" + lang + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "it"})
  void theInboxInsideTheDemoCrm(String lang) {
    // The framed inbox speaks the browser's language.
    Page crm = pageSignedInByNobody("en".equals(lang) ? "en-GB" : "it-IT");
    crm.navigate(BASE + "/demo-crm.html");
    assertThat(crm.frameLocator("iframe").getByTestId("signed-in-as")).isVisible();
    assertThat(crm.frameLocator("iframe").getByTestId("conversation-list")).isVisible();
    assertThat(crm.frameLocator("iframe").locator("html")).hasAttribute("lang", lang);
    Frame framed = crm.frame("inbox");
    Assertions.assertThat(framed).as("the demo CRM's inbox frame").isNotNull();
    Axe.assertNoViolations(framed, "the inbox launched by the demo CRM (" + lang + ")");
    Axe.assertNoViolations(crm, "the demo CRM page (" + lang + ")");
  }

  // --- helpers --------------------------------------------------------------------------------

  private void openInbox(String lang) {
    open("/?lang=" + lang);
    assertThat(page.locator("html")).hasAttribute("lang", lang);
    assertThat(page.getByTestId("conversation-row").first()).isVisible();
  }

  /** axe on the screen as it is now; a screenshot of it is kept to look at. */
  private void check(String screen) {
    screenshot("a11y-" + screen.replaceAll("[^A-Za-z0-9]+", "-"));
    Axe.assertNoViolations(page, screen);
  }

  static void deliver(String customer, String text) {
    Assertions.assertThat(inbox.deliver(customer, text))
        .as("the inbox accepts the deliver_sm")
        .isZero();
  }

  static String digitsOf(String phone) {
    return phone.substring(phone.length() - 7);
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
