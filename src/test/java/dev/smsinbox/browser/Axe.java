package dev.smsinbox.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.Assertions;

/**
 * axe-core (Deque's accessibility engine, the one the browsers' own audits use) run on a screen as
 * it is now, with the WCAG 2.1 A and AA rules; any violation fails the test and is printed with its
 * rule, impact and the elements (selector and HTML).
 *
 * <p>axe-core is a test resource ({@code axe-core/axe.min.js}, MPL-2.0, from the npm package of the
 * version in its header), injected through the DevTools protocol, so the screens' own
 * Content-Security-Policy stays as it is and nothing is loaded from a CDN. A new screen is checked
 * with one line: {@code Axe.assertNoViolations(page, "reports (en)")}.
 */
final class Axe {

  /** WCAG 2.0 and 2.1, levels A and AA: what the product promises (issue 25). */
  static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

  private static final String SOURCE = load("/axe-core/axe.min.js");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String RUN =
      """
      async tags => {
        const results = await axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
        });
        return JSON.stringify(results.violations.map(v => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map(n => ({
            target: n.target.join(' '), html: n.html, summary: n.failureSummary,
          })),
        })));
      }
      """;

  private Axe() {}

  /** Checks the page's top document (a framed screen is checked on its own frame). */
  static void assertNoViolations(Page page, String screen) {
    assertNoViolations(page.mainFrame(), screen);
  }

  /** Checks one frame's document, e.g. the inbox inside a host CRM's iframe. */
  static void assertNoViolations(Frame frame, String screen) {
    JsonNode violations = violations(frame);
    Assertions.assertThat(violations.size())
        .as(
            () ->
                "accessibility violations (axe-core, WCAG 2.1 A/AA) on "
                    + describe(screen, violations))
        .isZero();
  }

  /** The violations as axe reports them: [{id, impact, help, nodes: [{target, html, summary}]}]. */
  static JsonNode violations(Frame frame) {
    if (!Boolean.TRUE.equals(frame.evaluate("() => typeof window.axe === 'object'"))) {
      frame.evaluate(SOURCE);
    }
    try {
      return JSON.readTree((String) frame.evaluate(RUN, TAGS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(String screen, JsonNode violations) {
    StringBuilder out = new StringBuilder(screen).append(':');
    for (JsonNode v : violations) {
      out.append("\n- ")
          .append(v.get("id").asText())
          .append(" (")
          .append(v.path("impact").asText("?"))
          .append("): ")
          .append(v.get("help").asText());
      for (JsonNode node : v.get("nodes")) {
        out.append("\n    ")
            .append(node.get("target").asText())
            .append("  ")
            .append(abbreviate(node.get("html").asText()))
            .append("\n      ")
            .append(node.path("summary").asText().replace("\n", "\n      "));
      }
    }
    return out.toString();
  }

  private static String abbreviate(String html) {
    return html.length() > 200 ? html.substring(0, 200) + "…" : html;
  }

  private static String load(String resource) {
    try (InputStream in = Axe.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("axe-core is missing from the test resources: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
