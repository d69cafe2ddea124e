package dev.smsinbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.smsinbox.it.FreshNumbers;
import dev.smsinbox.it.HostCrmTokens;
import dev.smsinbox.it.InboxClient;
import dev.smsinbox.it.InboxExtension;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Reports screen (issue 25) of a fresh account, in Chromium: its charts are drawn (by the
 * bundled Chart.js), the table view shows the same numbers as the API, the CSV downloads have them,
 * and a new inbound SMS moves today's count while the screen is open, without a reload.
 */
class ReportsScreenIT extends BrowserTest {

  static final HostCrmTokens CRM = HostCrmTokens.ofTheTestServers();
  static final String ACCOUNT = "it-report-screen-" + UUID.randomUUID().toString().substring(0, 8);

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();
  static String ourNumber;

  @BeforeAll
  static void anAccountWithANumberAndCredits() {
    ourNumber = FreshNumbers.us();
    var saved =
        InboxClient.bearer(CRM.admin().set("account", ACCOUNT).sign())
            .post("/api/numbers", InboxClient.twoWayNumber(ourNumber));
    Assertions.assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    var credits =
        InboxClient.bearer(
                CRM.admin().set("account", ACCOUNT).set("groups", List.of("crm-service")).sign())
            .post("/api/credits/top-ups", Map.of("amount", 100, "reason", "report screen"));
    Assertions.assertThat(credits.status()).as(credits.body()).isEqualTo(201);
  }

  @Test
  void chartsTablesAndCsvShowTodaysNumbersAndANewSmsMovesThem() throws IOException {
    String today = LocalDate.now(ZoneOffset.UTC).toString(); // the account's zone: UTC
    deliver(FreshNumbers.us(), "Are you open today?");
    deliver(FreshNumbers.us(), "Can I book for two?");

    Page p = signedIn("en");
    p.getByTestId("open-reports").click();
    Locator dialog = p.getByTestId("reports-dialog");
    assertThat(dialog).isVisible();
    p.getByTestId("reports-period").selectOption("today");
    assertThat(p.getByTestId("reports-total-inbound").locator("dd")).hasText("2");

    // Every chart drawn by Chart.js on its canvas, with a text alternative.
    for (String chart :
        List.of("messages", "outcomes", "optOuts", "firstResponse", "creditsResolved")) {
      Locator canvas = p.getByTestId("reports-" + chart + "-chart");
      assertThat(canvas).isVisible();
      assertThat(canvas).hasAttribute("role", "img");
      Assertions.assertThat(canvas.getAttribute("aria-label")).isNotBlank();
      p.waitForFunction(
          "id => { const c = document.querySelector(`[data-testid=reports-${id}-chart]`);"
              + " const chart = window.Chart && window.Chart.getChart(c);"
              + " return !!chart && c.width > 0 && chart.data.labels.length > 0; }",
          chart);
    }
    Object drawnInbound =
        p.evaluate(
            "() => window.Chart.getChart(document.querySelector("
                + "'[data-testid=reports-messages-chart]')).data.datasets[0].data[0]");
    Assertions.assertThat(((Number) drawnInbound).intValue()).isEqualTo(2);

    // The table view: the same numbers, today's row.
    p.getByTestId("reports-messages-toggle").click();
    assertThat(p.getByTestId("reports-messages-toggle")).hasAttribute("aria-pressed", "true");
    Locator table = p.getByTestId("reports-messages-table");
    assertThat(table).isVisible();
    assertThat(p.getByTestId("reports-messages-chart")).isHidden();
    Locator todayInbound = table.locator("tr[data-date='" + today + "'] td[data-series=inbound]");
    assertThat(todayInbound).hasText("2");

    // The chart's CSV and the whole report's CSV have the same figures.
    Download chartCsv = p.waitForDownload(() -> p.getByTestId("reports-messages-csv").click());
    String chartText = Files.readString(chartCsv.path());
    Assertions.assertThat(chartText).startsWith("date,inbound,outbound\r\n");
    Assertions.assertThat(chartText).contains(today + ",2,");
    Download allCsv = p.waitForDownload(() -> p.getByTestId("reports-csv").click());
    Assertions.assertThat(Files.readString(allCsv.path()))
        .startsWith("date,inbound,outbound,delivered")
        .contains("\r\n" + today + ",2,");

    // A new SMS: today's count moves on the open screen, from the event stream.
    deliver(FreshNumbers.us(), "One more question");
    assertThat(todayInbound).hasText("3");
    assertThat(p.getByTestId("reports-total-inbound").locator("dd")).hasText("3");
    shoot(p, "reports-en");

    // Escape closes it and gives the focus back to the Reports button.
    p.keyboard().press("Escape");
    assertThat(dialog).isHidden();
    assertThat(p.getByTestId("open-reports")).isFocused();
    Assertions.assertThat(consoleErrors).isEmpty();
  }

  @Test
  void inItalianTheScreenSpeaksItalian() {
    deliver(FreshNumbers.us(), "Ciao");
    Page p = signedIn("it");
    p.getByTestId("open-reports").click();
    assertThat(p.locator("#reports-title")).hasText("Report");
    assertThat(p.getByTestId("reports-messages-toggle")).hasText("Mostra tabella");
    assertThat(p.getByTestId("reports-total-inbound").locator("dt")).hasText("Ricevuti");
    shoot(p, "reports-it");
    Assertions.assertThat(consoleErrors).isEmpty();
  }

  private Page signedIn(String lang) {
    Page p = pageSignedInByNobody();
    String jwt = CRM.admin().set("account", ACCOUNT).sign();
    p.navigate(BASE + "/launch?jwt=" + URLEncoder.encode(jwt, StandardCharsets.UTF_8));
    assertThat(p.getByTestId("signed-in-as")).isVisible();
    if (!"en".equals(lang)) {
      p.navigate(BASE + "/?lang=" + lang);
    }
    return p;
  }

  private static void shoot(Page p, String name) {
    p.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }

  private static void deliver(String customer, String text) {
    Assertions.assertThat(inbox.smsc().deliver(customer, ourNumber, text)).isZero();
  }
}
