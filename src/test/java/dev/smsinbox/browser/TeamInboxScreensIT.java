package dev.smsinbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import dev.smsinbox.it.FreshNumbers;
import dev.smsinbox.it.HostCrmTokens;
import dev.smsinbox.it.InboxClient;
import dev.smsinbox.it.InboxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two admins of one account, each in a browser of their own signed in by the host CRM's token: what
 * one does shows on the other's open screen, live (issue 21).
 */
class TeamInboxScreensIT extends BrowserTest {

  static final HostCrmTokens CRM = HostCrmTokens.ofTheTestServers();
  static final String ACCOUNT = "it-screens-" + UUID.randomUUID().toString().substring(0, 8);
  static final String ANNA = "anna-" + UUID.randomUUID().toString().substring(0, 6);
  static final String BRUNO = "bruno-" + UUID.randomUUID().toString().substring(0, 6);

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();
  static String ourNumber;

  @BeforeAll
  static void anAccountWithANumberAndCredits() {
    ourNumber = FreshNumbers.us();
    var saved =
        InboxClient.bearer(token(ANNA, "Anna Rossi"))
            .post("/api/numbers", InboxClient.twoWayNumber(ourNumber));
    Assertions.assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    var credits =
        InboxClient.bearer(
                CRM.admin().set("account", ACCOUNT).set("groups", List.of("crm-service")).sign())
            .post("/api/credits/top-ups", Map.of("amount", 1000, "reason", "team screens"));
    Assertions.assertThat(credits.status()).as(credits.body()).isEqualTo(201);
  }

  @Test
  void annaRepliesAndBrunosOpenThreadShowsIt() {
    String customer = FreshNumbers.us();
    deliver(customer, "Is the shop open on Sunday?");
    Page bruno = signedIn(BRUNO, "Bruno Bianchi");
    Page anna = signedIn(ANNA, "Anna Rossi");
    openConversation(bruno, customer);
    openConversation(anna, customer);

    String reply = "Yes, 10 to 16 " + UUID.randomUUID().toString().substring(0, 4);
    anna.getByTestId("composer").fill(reply);
    anna.getByTestId("send").click();

    assertThat(
            bruno
                .locator("[data-testid=message][data-direction=OUTBOUND]")
                .filter(new Locator.FilterOptions().setHasText(reply)))
        .hasCount(1);
    // Bruno's list moves the conversation up with Anna's words as its latest.
    assertThat(row(bruno, customer)).containsText(reply);

    // A note of Anna's shows in Bruno's thread, as a note.
    anna.getByTestId("note-mode").check();
    anna.getByTestId("composer").fill("Customer is a VIP");
    anna.getByTestId("send").click();
    assertThat(bruno.getByTestId("note")).containsText("Customer is a VIP");
    assertThat(bruno.getByTestId("note")).containsText("Anna Rossi");
  }

  @Test
  void annaAssignsToBrunoAndBrunosMineListsIt() {
    String customer = FreshNumbers.us();
    deliver(customer, "Who handles my refund?");
    Page bruno = signedIn(BRUNO, "Bruno Bianchi");
    bruno.getByTestId("assignee-filter").selectOption("me");
    assertThat(row(bruno, customer)).hasCount(0);

    Page anna = signedIn(ANNA, "Anna Rossi");
    openConversation(anna, customer);
    anna.getByTestId("assignee").selectOption(new SelectOption().setLabel("Bruno Bianchi"));

    assertThat(row(bruno, customer)).hasCount(1);
    assertThat(row(bruno, customer).getByTestId("row-assignee")).hasText("Bruno Bianchi");

    // Resolved by Anna: it leaves Bruno's open list, live.
    anna.getByTestId("resolve").click();
    assertThat(row(bruno, customer)).hasCount(0);
    bruno.getByTestId("status-filter").selectOption("RESOLVED");
    assertThat(row(bruno, customer).getByTestId("row-status")).hasText("Resolved");
  }

  private Page signedIn(String sub, String name) {
    Page p = pageSignedInByNobody();
    p.navigate(BASE + "/launch?jwt=" + URLEncoder.encode(token(sub, name), StandardCharsets.UTF_8));
    assertThat(p.getByTestId("signed-in-as")).hasText(name);
    return p;
  }

  private static void openConversation(Page p, String customer) {
    row(p, customer).click();
    assertThat(p.locator("#conversation-title")).hasText(customer);
  }

  private static Locator row(Page p, String customer) {
    return p.getByTestId("conversation-row")
        .filter(new Locator.FilterOptions().setHasText(customer));
  }

  private static void deliver(String customer, String text) {
    Assertions.assertThat(inbox.smsc().deliver(customer, ourNumber, text)).isZero();
  }

  private static String token(String sub, String name) {
    return CRM.admin().set("account", ACCOUNT).set("sub", sub).set("name", name).sign();
  }
}
