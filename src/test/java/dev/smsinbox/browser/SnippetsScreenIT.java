package dev.smsinbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.smsinbox.it.FreshNumbers;
import dev.smsinbox.it.HostCrmTokens;
import dev.smsinbox.it.InboxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The saved replies screen (issue 21): an admin creates a snippet there — the API's refusals shown
 * beside the field, merge fields inserted with a button, a live preview for a sample contact
 * counted as the composer counts — and the composer offers it after "/" and expands it with its
 * fallback; an edit changes what the composer inserts, a confirmed delete removes it, and another
 * account's admin never sees it.
 */
class SnippetsScreenIT extends BrowserTest {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  static final HostCrmTokens CRM = HostCrmTokens.ofTheTestServers();
  static final String OTHER_ACCOUNT = "it-snippets-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void anAdminCreatesEditsAndDeletesASavedReplyThatOnlyTheirAccountIsOffered() {
    String name = "welcome" + UUID.randomUUID().toString().substring(0, 6);
    String customer = FreshNumbers.us(); // texts first: a contact without a name
    Assertions.assertThat(inbox.deliver(customer, "Is anyone there?")).isZero();
    open("/");

    // Created in the saved replies screen, with the keyboard where it matters.
    page.getByTestId("open-snippets").click();
    Locator dialog = page.getByTestId("snippets-dialog");
    assertThat(dialog).isVisible();
    dialog.getByTestId("snippet-new").click();
    assertThat(dialog.getByTestId("snippet-name")).isFocused();

    // The API's refusal, beside the field it is about.
    dialog.getByTestId("snippet-save").click();
    assertThat(dialog.getByTestId("snippet-name-error")).containsText("name is empty");
    assertThat(dialog.getByTestId("snippet-name")).hasAttribute("aria-invalid", "true");
    dialog.getByTestId("snippet-name").fill(name);
    dialog.getByTestId("snippet-text").fill("Hi {{contact.firstname}}");
    dialog.getByTestId("snippet-save").click();
    assertThat(dialog.getByTestId("snippet-text-error"))
        .containsText("Unknown merge field {{contact.firstname}}");
    assertThat(dialog.getByTestId("snippet-name-error")).isHidden();

    // A merge field inserted with its fallback; the preview fills it in for the sample contact.
    Locator text = dialog.getByTestId("snippet-text");
    text.fill("Hi ");
    dialog.getByTestId("snippet-fallback").fill("there");
    dialog.locator("[data-testid=snippet-insert-field][data-field='contact.firstName']").click();
    assertThat(text).isFocused();
    text.pressSequentially(", welcome!");
    assertThat(text).hasValue("Hi {{contact.firstName|there}}, welcome!");
    assertThat(dialog.getByTestId("snippet-text-error")).isHidden();
    assertThat(dialog.getByTestId("snippet-preview")).hasText("Hi Maria, welcome!");
    assertThat(dialog.getByTestId("snippet-counter")).containsText("18 characters");
    assertThat(dialog.getByTestId("snippet-counter")).containsText("1 message");
    assertThat(dialog.getByTestId("snippet-counter")).hasAttribute("data-encoding", "GSM7");
    dialog.getByTestId("snippet-sample-first").fill("");
    assertThat(dialog.getByTestId("snippet-preview")).hasText("Hi there, welcome!");
    dialog.getByTestId("snippet-sample-first").fill("Zoë");
    assertThat(dialog.getByTestId("snippet-preview")).hasText("Hi Zoë, welcome!");
    assertThat(dialog.getByTestId("snippet-counter")).hasAttribute("data-encoding", "UCS2");
    assertThat(dialog.getByTestId("snippet-warning")).containsText("ë");
    screenshot("snippets-editing");
    dialog.getByTestId("snippet-name").press("Enter");
    Locator item =
        dialog
            .getByTestId("snippet-item")
            .filter(new Locator.FilterOptions().setHasText("/" + name));
    assertThat(item).hasCount(1);
    assertThat(item.getByTestId("snippet-item-text"))
        .hasText("Hi {{contact.firstName|there}}, welcome!");
    assertThat(dialog.getByTestId("snippet-form")).isHidden();
    assertThat(dialog.getByTestId("snippets-status")).containsText("/" + name + " saved");
    page.keyboard().press("Escape");
    assertThat(dialog).isHidden();

    // Offered by "/" in the composer, expanded with the fallback for a contact without a name.
    page.getByTestId("search").fill(customer.substring(customer.length() - 7));
    page.getByTestId("search").press("Enter");
    page.getByTestId("conversation-row")
        .filter(new Locator.FilterOptions().setHasText(customer))
        .click();
    Locator composer = page.getByTestId("composer");
    composer.pressSequentially("/" + name);
    assertThat(page.getByTestId("snippet-option")).hasCount(1);
    composer.press("Enter");
    assertThat(composer).hasValue("Hi {{contact.firstName|there}}, welcome!");
    assertThat(page.getByTestId("composer-expanded")).containsText("Hi there, welcome!");

    // Another account's admin never sees it.
    Page other = signedInToTheOtherAccount();
    other.getByTestId("open-snippets").click();
    assertThat(other.getByTestId("snippets-empty")).isVisible();
    assertThat(other.getByTestId("snippet-item")).hasCount(0);

    // Edited: the composer inserts the new text.
    composer.fill("");
    page.getByTestId("open-snippets").click();
    item.getByTestId("snippet-edit").click();
    assertThat(dialog.getByTestId("snippet-form-title")).hasText("Edit /" + name);
    assertThat(dialog.getByTestId("snippet-name")).hasValue(name);
    text.fill("Hello {{contact.firstName|friend}}");
    dialog.getByTestId("snippet-save").click();
    assertThat(item.getByTestId("snippet-item-text")).hasText("Hello {{contact.firstName|friend}}");
    assertThat(item.getByTestId("snippet-edit")).isFocused();
    page.keyboard().press("Escape");
    composer.pressSequentially("/" + name);
    assertThat(page.getByTestId("snippet-option")).hasCount(1);
    composer.press("Enter");
    assertThat(page.getByTestId("composer-expanded")).containsText("Hello friend");
    composer.fill("");

    // Deleted after a confirmation; "Keep it" keeps it.
    page.getByTestId("open-snippets").click();
    item.getByTestId("snippet-delete").click();
    assertThat(item.getByTestId("snippet-confirm")).containsText("Delete /" + name + "?");
    assertThat(item.getByTestId("snippet-delete-cancel")).isFocused();
    page.keyboard().press("Enter");
    assertThat(item.getByTestId("snippet-confirm")).hasCount(0);
    assertThat(item.getByTestId("snippet-delete")).isFocused();
    item.getByTestId("snippet-delete").click();
    screenshot("snippets-confirm-delete");
    item.getByTestId("snippet-delete-confirm").click();
    assertThat(item).hasCount(0);
    assertThat(dialog.getByTestId("snippets-status")).containsText("/" + name + " deleted");
    page.keyboard().press("Escape");
    composer.pressSequentially("/" + name);
    assertThat(page.getByTestId("composer-snippets")).isVisible();
    assertThat(page.getByTestId("snippet-option")).hasCount(0);
    // Only the two refusals asked for above (the browser logs every 4xx answer).
    Assertions.assertThat(consoleErrors)
        .hasSize(2)
        .containsOnly(
            "Failed to load resource: the server responded with a status of 400 (Bad Request)");
  }

  @Test
  void inItalianTheScreenSpeaksItalian() {
    open("/?lang=it");
    page.getByTestId("open-snippets").click();
    Locator dialog = page.getByTestId("snippets-dialog");
    assertThat(dialog.locator("#snippets-title")).hasText("Risposte salvate");
    dialog.getByTestId("snippet-new").click();
    assertThat(dialog.getByTestId("snippet-form-title")).hasText("Nuova risposta salvata");
    dialog.getByTestId("snippet-text").fill("Ciao {{contact.firstName|cliente}}");
    assertThat(dialog.getByTestId("snippet-preview")).hasText("Ciao Maria");
    assertThat(dialog.getByTestId("snippet-counter")).containsText("10 caratteri");
    Assertions.assertThat(consoleErrors).isEmpty();
  }

  private Page signedInToTheOtherAccount() {
    Page p = pageSignedInByNobody();
    String jwt = CRM.admin().set("account", OTHER_ACCOUNT).sign();
    p.navigate(BASE + "/launch?jwt=" + URLEncoder.encode(jwt, StandardCharsets.UTF_8));
    assertThat(p.getByTestId("signed-in-as")).isVisible();
    return p;
  }
}
