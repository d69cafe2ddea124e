package dev.smsinbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Response;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The host CRM embeds the screens: the headers say who may frame them and what they may load, the
 * screens load nothing the policy forbids, and the unread total reaches the embedding page.
 */
class EmbeddingIT extends BrowserTest {

  @Test
  void theScreensCarryTheSecurityHeaders() {
    Response screen = open("/");
    Assertions.assertThat(screen.status()).isEqualTo(200);
    var headers = screen.allHeaders();
    Assertions.assertThat(headers.get("content-security-policy"))
        .contains("default-src 'self'")
        .contains("frame-ancestors 'self'");
    Assertions.assertThat(headers.get("x-content-type-options")).isEqualTo("nosniff");
    Assertions.assertThat(headers.get("referrer-policy")).isEqualTo("same-origin");

    APIResponse api = context.request().get(BASE + "/api/inbox/unread-count");
    Assertions.assertThat(api.status()).isEqualTo(200);
    Assertions.assertThat(api.headers().get("cache-control")).isEqualTo("no-store");
    Assertions.assertThat(api.headers().get("x-content-type-options")).isEqualTo("nosniff");
  }

  @Test
  void theScreensLoadNothingThePolicyForbids() {
    open("/");
    assertThat(page.getByTestId("unread-badge"))
        .hasAttribute("data-unread", java.util.regex.Pattern.compile("\\d+"));
    assertThat(page.getByTestId("composer-counter")).containsText("characters");
    Assertions.assertThat(consoleErrors)
        .as("console errors (a CSP violation is one)")
        .noneMatch(e -> e.contains("Content Security Policy") || e.contains("Refused to"));
  }

  @Test
  void anEmbeddingPageOfAnAllowedOriginGetsTheUnreadTotal() {
    // Our own origin is allowed by default ('self'); the host CRM's origins by configuration.
    String host = BASE + "/embedding-crm-page.html";
    page.route(
        host,
        route ->
            route.fulfill(
                new com.microsoft.playwright.Route.FulfillOptions()
                    .setContentType("text/html")
                    .setBody(
                        "<!DOCTYPE html><html><body><script>window.unread = [];"
                            + " addEventListener('message', e => { if (e.data && e.data.type"
                            + " === 'smsinbox.unread') window.unread.push(e.data.unread); });"
                            + "</script></body></html>")));
    page.navigate(host);
    page.evaluate(
        "base => { const f = document.createElement('iframe'); f.src = base + '/';"
            + " f.width = 1200; f.height = 800; document.body.append(f); }",
        BASE);
    page.waitForFunction("() => window.unread.length > 0");
    Object unread = page.evaluate("() => window.unread[window.unread.length - 1]");
    Assertions.assertThat(((Number) unread).longValue()).isGreaterThanOrEqualTo(0);
    assertThat(page.frameLocator("iframe").getByTestId("conversation-list")).isVisible();
  }
}
