package dev.smsinbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import dev.smsinbox.it.FreshNumbers;
import dev.smsinbox.it.InboxExtension;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Saved replies in the composer (issue 21): "/" offers the account's snippets; one whose field has
 * no value expands with its fallback and can be sent, one without a fallback blocks the send and
 * says which field.
 */
class SnippetComposerIT extends BrowserTest {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  @Test
  void aSnippetExpandsWithAFallbackAndBlocksWithoutOne() {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    saveSnippet("greet" + tag, "Hi {{contact.firstName|there}}, how can we help?");
    saveSnippet("mail" + tag, "We wrote to {{contact.email}}");
    String customer = FreshNumbers.us(); // texts first: a contact with no name and no email
    Assertions.assertThat(inbox.deliver(customer, "Anyone there?")).isZero();
    open("/");
    page.getByTestId("search").fill(customer.substring(customer.length() - 7));
    page.getByTestId("search").press("Enter");
    page.getByTestId("conversation-row")
        .filter(new Locator.FilterOptions().setHasText(customer))
        .click();
    assertThat(page.getByTestId("thread").getByTestId("message-text").last())
        .hasText("Anyone there?");

    Locator composer = page.getByTestId("composer");
    composer.pressSequentially("/greet" + tag);
    Locator options = page.getByTestId("composer-snippets").getByTestId("snippet-option");
    assertThat(options).hasCount(1);
    composer.press("Enter");
    assertThat(composer).hasValue("Hi {{contact.firstName|there}}, how can we help?");
    String expanded = "Hi there, how can we help?";
    assertThat(page.getByTestId("composer-expanded")).containsText(expanded);
    assertThat(page.getByTestId("composer-counter"))
        .containsText(expanded.length() + " characters");
    assertThat(page.getByTestId("composer-missing")).isHidden();
    assertThat(page.getByTestId("send")).isEnabled();
    page.getByTestId("send").click();
    assertThat(
            page.locator("[data-testid=message][data-direction=OUTBOUND]")
                .filter(new Locator.FilterOptions().setHasText(expanded)))
        .hasCount(1);
    // The thread may show the reply (its event) before the send has answered and emptied the box:
    // typing into the box before then would be cleared with it.
    assertThat(composer).hasValue("");
    assertThat(composer).isEditable();

    composer.pressSequentially("/mail" + tag);
    assertThat(options).hasCount(1);
    options.first().click();
    assertThat(composer).hasValue("We wrote to {{contact.email}}");
    assertThat(page.getByTestId("composer-missing")).isVisible();
    assertThat(page.getByTestId("composer-missing")).containsText("{{contact.email}}");
    assertThat(page.getByTestId("send")).isDisabled();
    screenshot("snippet-missing-field");
    composer.fill("We wrote to {{contact.email|your address}}");
    assertThat(page.getByTestId("composer-missing")).isHidden();
    assertThat(page.getByTestId("send")).isEnabled();
    Assertions.assertThat(consoleErrors).isEmpty();
  }

  private static void saveSnippet(String name, String text) {
    var saved = inbox.admin().post("/api/snippets", Map.of("name", name, "text", text));
    Assertions.assertThat(saved.status()).as(saved.body()).isEqualTo(201);
  }
}
