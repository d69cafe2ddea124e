package dev.smsinbox.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.smsinbox.it.InboxClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The inbox screens in a real browser: the system's Chromium (Debian's package; Playwright never
 * downloads one), headless, signed in as the admin, against the Liberty the build started. Without
 * a Chromium the tests are skipped, and say why.
 */
abstract class BrowserTest {

  static final String BASE = InboxClient.BASE;
  static final Path SCREENSHOTS = Paths.get("target", "screenshots");

  private static Playwright playwright;
  private static Browser browser;

  BrowserContext context;
  Page page;

  /** Browser console errors (a Content-Security-Policy violation shows up here). */
  final List<String> consoleErrors = new CopyOnWriteArrayList<>();

  /** Dialogs the page opened: script injected through customer text would open one. */
  final List<String> dialogs = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startBrowser() {
    Path chromium =
        Paths.get(
            System.getProperty(
                "it.chromium", System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium")));
    assumeTrue(
        Files.isExecutable(chromium),
        "Browser tests skipped: no Chromium at "
            + chromium
            + " (install Debian's chromium, or set -Dit.chromium=/path/to/chromium)");
    if (browser == null) {
      playwright =
          Playwright.create(
              new Playwright.CreateOptions()
                  .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
      browser =
          playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(chromium)
                      .setHeadless(true)
                      .setArgs(
                          List.of(
                              "--no-sandbox",
                              "--disable-gpu",
                              "--disable-background-networking",
                              "--disable-component-update",
                              "--disable-sync",
                              "--no-first-run")));
      PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }
  }

  @AfterAll
  static void stopBrowser() {
    if (playwright != null) {
      playwright.close();
      playwright = null;
      browser = null;
    }
  }

  @BeforeEach
  void newContext() {
    context = browser.newContext(options().setHttpCredentials("admin", "admin"));
    context.setDefaultTimeout(20_000);
    page = context.newPage();
    watch(page);
  }

  /**
   * A browser nobody signed in to: the host CRM's launch is what signs in (the context is closed
   * with the test's).
   */
  Page pageSignedInByNobody() {
    return pageSignedInByNobody("en-GB");
  }

  /** The same, in a browser whose language is {@code locale} (e.g. "it-IT"). */
  Page pageSignedInByNobody(String locale) {
    BrowserContext fresh = browser.newContext(options().setLocale(locale));
    fresh.setDefaultTimeout(20_000);
    others.add(fresh);
    Page blank = fresh.newPage();
    watch(blank);
    return blank;
  }

  private final List<BrowserContext> others = new CopyOnWriteArrayList<>();

  private static Browser.NewContextOptions options() {
    return new Browser.NewContextOptions()
        .setViewportSize(1440, 900)
        .setLocale("en-GB")
        .setTimezoneId("UTC");
  }

  private void watch(Page page) {
    page.onConsoleMessage(
        (ConsoleMessage m) -> {
          if ("error".equals(m.type())) {
            consoleErrors.add(m.text());
          }
        });
    page.onPageError(error -> consoleErrors.add("uncaught: " + error));
    page.onDialog(
        dialog -> {
          dialogs.add(dialog.type() + ": " + dialog.message());
          dialog.dismiss();
        });
  }

  @AfterEach
  void closeContext() {
    // Kept in the test report: the first thing to read when a screen did not do what a test
    // expected.
    consoleErrors.forEach(e -> System.out.println("Browser console error: " + e));
    others.forEach(BrowserContext::close);
    others.clear();
    if (context != null) {
      context.close();
    }
  }

  /** Opens a screen of the inbox, e.g. "/" or "/?lang=it". */
  com.microsoft.playwright.Response open(String path) {
    return page.navigate(BASE + path);
  }

  void screenshot(String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }
}
