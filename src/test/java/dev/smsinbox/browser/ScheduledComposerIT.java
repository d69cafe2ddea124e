package dev.smsinbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import dev.smsinbox.it.FreshNumbers;
import dev.smsinbox.it.InboxExtension;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scheduled replies in the screen (issue 21): the composer's "Send later" picker schedules the
 * reply for the time picked (in the admin's own zone); the thread says when it leaves and offers
 * "Cancel", which cancels it for good. A note has no time to be sent at. The account's quiet hours
 * are set in the settings dialog.
 */
class ScheduledComposerIT extends BrowserTest {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  @Test
  void aReplyScheduledWithThePickerWaitsAndItsCancelButtonCancelsIt() {
    String customer = FreshNumbers.us();
    long conversation = inbox.conversationWith(customer); // the customer writes "Hello"
    open("/");
    page.getByTestId("search").fill(customer.substring(customer.length() - 7));
    page.getByTestId("search").press("Enter");
    page.getByTestId("conversation-row")
        .filter(new Locator.FilterOptions().setHasText(customer))
        .click();
    assertThat(page.getByTestId("thread").getByTestId("message-text").last()).hasText("Hello");

    // A note is never sent: no picker while "Internal note" is on.
    page.getByTestId("note-mode").check();
    assertThat(page.getByTestId("send-at")).isHidden();
    page.getByTestId("note-mode").uncheck();
    assertThat(page.getByTestId("send-at")).isVisible();

    page.getByTestId("composer").fill("Sure, I will call you at nine");
    // Tomorrow at 09:00 in the browser's own zone, as the picker takes it.
    String tomorrowNine =
        (String)
            page.evaluate(
                "() => { const d = new Date(Date.now() + 86400000);"
                    + " const p = (n) => String(n).padStart(2, '0');"
                    + " return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T09:00`; }");
    page.getByTestId("send-at").fill(tomorrowNine);
    assertThat(page.getByTestId("send")).hasText("Schedule");
    page.getByTestId("send").click();

    Locator scheduled =
        page.locator("[data-testid=message][data-direction=OUTBOUND]")
            .filter(new Locator.FilterOptions().setHasText("Sure, I will call you at nine"));
    assertThat(scheduled).hasCount(1);
    assertThat(scheduled).hasAttribute("data-status", "SCHEDULED");
    assertThat(scheduled.getByTestId("scheduled")).containsText("Leaves");
    assertThat(page.getByTestId("send-at")).hasValue(""); // the next reply goes now again
    assertThat(page.getByTestId("send")).hasText("Send");
    // The server has it scheduled for that very minute of the browser's zone.
    String expectedInstant =
        (String) page.evaluate("(v) => new Date(v).toISOString()", tomorrowNine);
    var thread = inbox.admin().get("/api/inbox/conversations/" + conversation).json();
    var stored = thread.get("messages").get(thread.get("messages").size() - 1);
    Assertions.assertThat(stored.get("status").asText()).isEqualTo("SCHEDULED");
    Assertions.assertThat(java.time.OffsetDateTime.parse(stored.get("at").asText()).toInstant())
        .isEqualTo(java.time.Instant.parse(expectedInstant));
    screenshot("scheduled-reply");

    scheduled.getByTestId("cancel-scheduled").click();
    assertThat(scheduled).hasAttribute("data-status", "CANCELLED");
    assertThat(scheduled.getByTestId("message-status")).hasText("Cancelled");
    assertThat(scheduled.getByTestId("cancel-scheduled")).hasCount(0);
    var after = inbox.admin().get("/api/inbox/conversations/" + conversation).json();
    Assertions.assertThat(
            after.get("messages").get(after.get("messages").size() - 1).get("status").asText())
        .isEqualTo("CANCELLED");
    Assertions.assertThat(consoleErrors).isEmpty();
  }

  @Test
  void quietHoursAreSetInTheSettingsDialog() {
    var before = inbox.admin().get("/api/settings/quiet-hours").json();
    try {
      open("/");
      page.getByTestId("open-settings").click();
      Locator dialog = page.getByTestId("settings-dialog");
      assertThat(dialog.getByTestId("settings-quiet-hours")).isVisible();
      // Left off, so the other tests of this server are not held; the times are the account's.
      dialog.getByTestId("settings-quiet-enabled").uncheck();
      dialog.getByTestId("settings-quiet-start").fill("22:30");
      dialog.getByTestId("settings-quiet-end").fill("07:15");
      dialog.getByTestId("settings-save").click();
      assertThat(dialog.getByTestId("settings-status")).hasText("Saved.");
      var saved = inbox.admin().get("/api/settings/quiet-hours").json();
      Assertions.assertThat(saved.get("enabled").asBoolean()).isFalse();
      Assertions.assertThat(saved.get("start").asText()).isEqualTo("22:30");
      Assertions.assertThat(saved.get("end").asText()).isEqualTo("07:15");
      // Read back when the dialog opens again.
      page.reload();
      page.getByTestId("open-settings").click();
      assertThat(page.getByTestId("settings-quiet-start")).hasValue("22:30");
      assertThat(page.getByTestId("settings-quiet-end")).hasValue("07:15");
      Assertions.assertThat(consoleErrors).isEmpty();
    } finally {
      inbox
          .admin()
          .put(
              "/api/settings/quiet-hours",
              java.util.Map.of(
                  "enabled", before.get("enabled").asBoolean(),
                  "start", before.get("start").asText(),
                  "end", before.get("end").asText()));
    }
  }
}
