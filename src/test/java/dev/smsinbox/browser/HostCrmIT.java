package dev.smsinbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.smsinbox.it.FreshNumbers;
import dev.smsinbox.it.HostCrmTokens;
import dev.smsinbox.it.InboxClient;
import dev.smsinbox.it.InboxExtension;
import dev.smsinbox.it.PageServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real path of an embedding: a page of the host CRM, on another origin (and another site) than
 * the inbox, frames {@code /launch} with a token it signed; the administrator works inside the
 * iframe, signed in only by the session that launch started, and the host page hears the unread
 * total and the session's end through postMessage.
 */
class HostCrmIT extends BrowserTest {

  static final HostCrmTokens CRM = HostCrmTokens.ofTheTestServers();
  static final int CRM_PORT = Integer.getInteger("it.crm.port", 9596);

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();
  static String ourNumber;
  static PageServer crmSite;

  @BeforeAll
  static void carrierAndCrm() {
    // The CRM's account has its own number and credits: the demo users' account is another.
    ourNumber = FreshNumbers.us();
    var saved =
        InboxClient.bearer(CRM.admin().sign())
            .post("/api/numbers", InboxClient.twoWayNumber(ourNumber));
    Assertions.assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    var credits =
        InboxClient.bearer(CRM.admin().set("groups", java.util.List.of("crm-service")).sign())
            .post("/api/credits/top-ups", Map.of("amount", 1000, "reason", "CRM account"));
    Assertions.assertThat(credits.status()).as(credits.body()).isEqualTo(201);
    // The CRM's page frames the launch with the token it is given (?jwt=), as a CRM's server
    // would write it into the page; it keeps what the inbox posts to it.
    String html =
        "<!DOCTYPE html><html><head><title>A CRM</title></head><body><h1>CRM</h1>"
            + "<script>window.unread = []; window.origins = []; window.expired = 0;"
            + " addEventListener('message', e => {"
            + " if (!e.data || !e.data.type) return; window.origins.push(e.origin);"
            + " if (e.data.type === 'smsinbox.unread') window.unread.push(e.data.unread);"
            + " if (e.data.type === 'smsinbox.session-expired') window.expired++; });"
            + " const f = document.createElement('iframe'); f.width = 1300; f.height = 800;"
            + " f.src = '"
            + BASE
            + "/launch' + location.search; document.body.append(f);</script></body></html>";
    crmSite = new PageServer(CRM_PORT, Map.of("/crm.html", html));
  }

  @AfterAll
  static void closeCrm() {
    if (crmSite != null) {
      crmSite.close();
      crmSite = null;
    }
  }

  @Test
  void anAdministratorRepliesInsideTheCrmsIframeAndTheCrmHearsTheUnreadTotal() {
    String customer = FreshNumbers.us();
    Assertions.assertThat(inbox.smsc().deliver(customer, ourNumber, "Is my order on its way?"))
        .isZero();

    Page crm = crmPage(CRM.admin().sign());
    FrameLocator inbox = crm.frameLocator("iframe");
    assertThat(inbox.getByTestId("signed-in-as")).hasText("Dana Admin");

    inbox.getByTestId("search").fill(customer.substring(customer.length() - 7));
    inbox.getByTestId("search").press("Enter");
    Locator row =
        inbox
            .getByTestId("conversation-row")
            .filter(new Locator.FilterOptions().setHasText(customer));
    row.click();
    assertThat(inbox.getByTestId("thread").getByTestId("message-text").last())
        .hasText("Is my order on its way?");

    String reply = "Yes, it arrives tomorrow morning";
    inbox.getByTestId("composer").fill(reply);
    inbox.getByTestId("send").click();
    Locator sent =
        inbox
            .locator("[data-testid=message][data-direction=OUTBOUND]")
            .filter(new Locator.FilterOptions().setHasText(reply));
    assertThat(sent.getByTestId("message-status"))
        .hasText(Pattern.compile("Queued|Sent|Delivered"));
    assertThat(sent.getByTestId("message-sender")).hasText("by Dana Admin");
    assertThat(inbox.getByTestId("composer-error")).isHidden();

    // The badge's total reaches the host page, from the inbox's origin and from no other.
    Locator badge = inbox.getByTestId("unread-badge");
    assertThat(badge).hasAttribute("data-unread", Pattern.compile("\\d+"));
    crm.waitForFunction(
        "expected => window.unread.length > 0"
            + " && String(window.unread[window.unread.length - 1]) === expected",
        badge.getAttribute("data-unread"));
    Assertions.assertThat(
            crm.evaluate(
                "inbox => window.origins.length > 0 && window.origins.every(o => o === inbox)",
                originOf(BASE)))
        .isEqualTo(true);
    screenshot(crm, "host-crm-iframe");
  }

  @Test
  void theCrmHearsWhenTheSessionEndsAndTheScreensSaySo() {
    // A short session: on a busy machine it may end before the screens have even asked who is
    // signed in; the host must hear of it either way.
    Page crm = crmPage(CRM.admin().expiresIn(Duration.ofSeconds(4)).sign());
    FrameLocator inbox = crm.frameLocator("iframe");

    crm.waitForFunction("() => window.expired > 0");
    Assertions.assertThat(crm.evaluate("() => window.expired")).isEqualTo(1);
    assertThat(inbox.getByTestId("session-ended")).isVisible();
  }

  @Test
  void theDemoCrmOpensTheInboxForEachOfItsPeople() {
    Page crm = pageSignedInByNobody();
    crm.navigate(BASE + "/demo-crm.html");
    FrameLocator inbox = crm.frameLocator("iframe");
    assertThat(crm.getByTestId("crm-signed-in")).hasText("Alice Martin (Acme)");
    assertThat(inbox.getByTestId("signed-in-as")).hasText("Alice Martin");
    assertThat(crm.getByTestId("crm-unread")).hasText(Pattern.compile("\\d+"));

    crm.getByText("Open the inbox as Grace Kim").click();
    assertThat(inbox.getByTestId("signed-in-as")).hasText("Grace Kim");
    assertThat(inbox.getByTestId("signed-in-as")).hasAttribute("data-account-id", "globex");
    screenshot(crm, "demo-crm");
  }

  private Page crmPage(String token) {
    Page crm = pageSignedInByNobody();
    crm.navigate(crmSite.url("/crm.html?jwt=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    return crm;
  }

  private static String originOf(String url) {
    return url.replaceAll("^(https?://[^/]+).*$", "$1");
  }

  private static void screenshot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }
}
