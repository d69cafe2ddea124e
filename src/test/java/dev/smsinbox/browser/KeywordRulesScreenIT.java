package dev.smsinbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import dev.smsinbox.it.InboxExtension;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The settings dialog's "Keyword rules" (issue 20), used from the keyboard: a rule is added (Enter
 * saves it), refused with the server's reason when its keyword is STOP, edited and deleted; what
 * the screen shows is what the API keeps. Its automations are the embedded CRM's, as for the other
 * screens' tests (with {@code -Dit.crm.connector=activecampaign} no CRM answers them here).
 */
@DisabledIfSystemProperty(named = "it.crm.connector", matches = "activecampaign")
class KeywordRulesScreenIT extends BrowserTest {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  @Test
  void anAdminAddsEditsAndDeletesAKeywordRuleFromTheKeyboard() {
    String keyword = "JOIN" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    String automation = inbox.admin().get("/api/automations").json().get(0).get("name").asText();
    open("/");
    page.getByTestId("open-settings").click();
    Locator section = page.getByTestId("keyword-rules");
    assertThat(section).isVisible();
    assertThat(section.locator("legend")).hasText("Keyword rules");

    // Add, from the keyboard: the button, the keyword, Enter
    section.getByTestId("keyword-rule-add").focus();
    page.keyboard().press("Enter");
    Locator keywordField = section.getByTestId("keyword-rule-keyword");
    assertThat(keywordField).isFocused();
    page.keyboard().type("stop");
    page.keyboard().press("Enter");
    assertThat(section.getByTestId("keyword-rules-error")).containsText("opt-out keyword STOP");
    assertThat(keywordField).isFocused();

    keywordField.fill(keyword.toLowerCase());
    page.keyboard().press("Tab");
    assertThat(section.getByTestId("keyword-rule-automation")).isFocused();
    section.getByTestId("keyword-rule-automation").selectOption(new String[] {automation});
    section.getByTestId("keyword-rule-reply").fill("Welcome! Reply STOP to opt out.");
    keywordField.press("Enter");
    Locator rule =
        section.getByTestId("keyword-rule").filter(new Locator.FilterOptions().setHasText(keyword));
    assertThat(rule).hasCount(1);
    assertThat(rule).containsText("enrols in " + automation);
    assertThat(rule).containsText("Every number");
    assertThat(rule).containsText("Welcome! Reply STOP to opt out.");
    assertThat(section.getByTestId("keyword-rules-status")).hasText("Rule " + keyword + " saved.");
    assertThat(section.getByTestId("keyword-rules-error")).isHidden();
    Assertions.assertThat(inbox.admin().get("/api/keyword-rules").body()).contains(keyword);
    screenshot("keyword-rules");

    // Edit: its button by its accessible name; Escape leaves without saving, focus back on it
    Locator edit =
        page.getByRole(
            com.microsoft.playwright.options.AriaRole.BUTTON,
            new com.microsoft.playwright.Page.GetByRoleOptions()
                .setName("Edit the rule " + keyword));
    edit.click();
    assertThat(keywordField).hasValue(keyword);
    section.getByTestId("keyword-rule-reply").fill("Changed my mind");
    section.getByTestId("keyword-rule-reply").press("Escape");
    assertThat(section.getByTestId("keyword-rule-editor")).isHidden();
    assertThat(edit).isFocused();
    assertThat(rule).containsText("Welcome! Reply STOP to opt out.");
    page.keyboard().press("Enter");
    section.getByTestId("keyword-rule-reply").fill("");
    section.getByTestId("keyword-rule-save").click();
    assertThat(rule).containsText("no reply");
    Assertions.assertThat(inbox.admin().get("/api/keyword-rules").body())
        .doesNotContain("Welcome! Reply STOP");

    // Delete, confirmed
    page.evaluate("() => { window.confirm = () => true; }");
    rule.getByTestId("keyword-rule-delete").click();
    assertThat(rule).hasCount(0);
    assertThat(section.getByTestId("keyword-rules-status"))
        .hasText("Rule " + keyword + " deleted.");
    Assertions.assertThat(inbox.admin().get("/api/keyword-rules").body()).doesNotContain(keyword);
    Assertions.assertThat(consoleErrors)
        .as("nothing but the browser's own note of the STOP rule's 409")
        .allMatch(e -> e.contains("status of 409"));
  }
}
