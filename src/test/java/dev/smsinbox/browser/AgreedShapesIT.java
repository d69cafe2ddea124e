package dev.smsinbox.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Route;
import dev.smsinbox.it.Carrier;
import dev.smsinbox.it.InboxClient;
import dev.smsinbox.runtime.simulator.SmscSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The screens against the agreed shapes of APIs built on other branches (contact panel, inbox
 * settings, draft reply, opt-out markers, summaries): the browser answers those calls itself, the
 * rest is the real server. When the real endpoints arrive, InboxScreensIT covers them end to end;
 * this class pins what the screens expect of them.
 */
class AgreedShapesIT extends BrowserTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final InboxClient admin = InboxClient.admin();
  static SmscSimulator smsc;
  static String ourNumber;

  @BeforeAll
  static void carrierAndNumber() {
    smsc = Carrier.smsc();
    ourNumber = Carrier.freshUsNumber();
    var saved =
        admin.post(
            "/api/numbers",
            Map.of("number", ourNumber, "country", "US", "dedicated", true, "registered", true));
    Assertions.assertThat(saved.status()).isEqualTo(201);
  }

  @Test
  void theContactPanelShowsWhatThePlanAllowsAndActs() throws Exception {
    String customer = Carrier.freshUsNumber();
    Assertions.assertThat(smsc.deliver(customer, ourNumber, "Hello panel")).isZero();
    List<String> tags = new ArrayList<>(List.of("customer"));
    List<JsonNode> posted = new ArrayList<>();
    page.route(
        "**/api/contacts/*",
        route -> {
          ObjectNode record = JSON.createObjectNode();
          record.put("id", 1).put("firstName", "Ann").put("lastName", "<b>Lee</b>");
          record.put("phone", customer).put("email", "ann@example.com");
          record.put("profileUrl", "https://crm.example.com/contacts/1");
          ArrayNode tagList = record.putArray("tags");
          tags.forEach(tagList::add);
          record.putNull("account");
          ArrayNode lists = record.putArray("lists");
          lists.addObject().put("id", 7).put("name", "Newsletter SMS").put("state", "SUBSCRIBED");
          lists.addObject().put("id", 8).put("name", "Offers SMS").put("state", "NOT_SUBSCRIBED");
          record.putArray("automations").addObject().put("id", 3).put("name", "Welcome series");
          record.putArray("deals").addObject().put("id", 5).put("title", "Renewal");
          record
              .putObject("allowed")
              .put("tags", true)
              .put("account", false)
              .put("lists", true)
              .put("automations", true)
              .put("deals", false);
          fulfilJson(route, 200, record);
        });
    page.route(
        "**/api/contacts/*/tags",
        route -> {
          JsonNode body = readJson(route.request().postData());
          posted.add(body);
          tags.add(body.get("tag").asText());
          fulfilJson(route, 201, JSON.createObjectNode());
        });
    page.route(
        "**/api/automations",
        route -> {
          ArrayNode all = JSON.createArrayNode();
          all.addObject().put("id", 3).put("name", "Welcome series");
          all.addObject().put("id", 4).put("name", "Win-back");
          fulfilJson(route, 200, all);
        });

    openConversationWith(customer);
    assertThat(page.getByTestId("contact-tags")).isVisible();
    assertThat(page.getByTestId("contact-lists")).isVisible();
    assertThat(page.getByTestId("contact-automations")).isVisible();
    assertThat(page.getByTestId("contact-account")).hasCount(0);
    assertThat(page.getByTestId("contact-deals")).hasCount(0);
    assertThat(page.getByTestId("contact-name")).hasText("Ann <b>Lee</b>");
    assertThat(page.getByTestId("contact-profile-link"))
        .hasAttribute("href", "https://crm.example.com/contacts/1");
    assertThat(page.getByTestId("list").filter(hasText("Newsletter SMS")))
        .containsText("Subscribed");
    assertThat(page.getByTestId("automation-select").locator("option"))
        .hasText(new String[] {"Win-back"});

    page.getByTestId("tag-input").fill("vip");
    page.getByTestId("tag-add").click();
    assertThat(page.getByTestId("tag").filter(hasText("vip"))).hasCount(1);
    Assertions.assertThat(posted).hasSize(1);
    screenshot("contact-panel-agreed-shape");
  }

  @Test
  void aRefusedContactActionIsExplainedAndAMissingContactApiHidesThePanelSections() {
    String customer = Carrier.freshUsNumber();
    Assertions.assertThat(smsc.deliver(customer, ourNumber, "No panel")).isZero();
    page.route("**/api/contacts/*", route -> fulfilJson(route, 404, problem(404, "Not here")));
    openConversationWith(customer);
    assertThat(page.getByTestId("contact-phone")).hasText(customer);
    assertThat(page.getByTestId("contact-tags")).hasCount(0);
    assertThat(page.getByTestId("contact-error")).isHidden();
  }

  @Test
  void theSettingsDialogShowsPerUrlResultsAndRefusals() {
    ObjectNode settings = JSON.createObjectNode();
    settings.put("draftReply", false).put("summary", true).put("confirmed", false);
    settings.putObject("brandKit").put("brandName", "Acme").put("voice", "warm");
    settings.put("role", "SUPPORT");
    ArrayNode urls = settings.putArray("urls");
    urls.addObject().put("url", "https://acme.example/faq").put("ok", true);
    urls.addObject()
        .put("url", "http://10.0.0.1/")
        .put("ok", false)
        .put("detail", "Private addresses are not fetched.");
    settings.putArray("faq").addObject().put("question", "Open Sundays?").put("answer", "No.");
    List<JsonNode> saved = new ArrayList<>();
    page.route(
        "**/api/settings/inbox",
        route -> {
          if ("PUT".equals(route.request().method())) {
            JsonNode body = readJson(route.request().postData());
            saved.add(body);
            if (!body.get("confirmed").asBoolean()) {
              fulfilJson(
                  route, 400, problem(400, "Tick the confirmation before turning on AI drafts."));
              return;
            }
            fulfilJson(route, 200, body);
          } else {
            fulfilJson(route, 200, settings);
          }
        });
    page.route(
        "**/api/settings/inbox/roles",
        route -> {
          ArrayNode roles = JSON.createArrayNode();
          roles.addObject().put("id", "SALES").put("name", "Sales");
          roles.addObject().put("id", "SUPPORT").put("name", "Support");
          fulfilJson(route, 200, roles);
        });

    open("/");
    page.getByTestId("open-settings").click();
    Locator dialog = page.getByTestId("settings-dialog");
    assertThat(dialog.getByTestId("settings-role")).hasValue("SUPPORT");
    assertThat(dialog.getByTestId("settings-url-0")).hasValue("https://acme.example/faq");
    assertThat(dialog.getByTestId("settings-url-result-0")).hasText("Read");
    assertThat(dialog.getByTestId("settings-url-result-1"))
        .hasText("Private addresses are not fetched.");
    assertThat(dialog.getByTestId("settings-faq-question")).hasValue("Open Sundays?");

    dialog.getByTestId("settings-draft-reply").check();
    dialog.getByTestId("settings-save").click();
    assertThat(dialog.getByTestId("settings-error"))
        .hasText("Not saved: Tick the confirmation before turning on AI drafts.");
    screenshot("settings-refused");

    dialog.getByTestId("settings-confirmed").check();
    dialog.getByTestId("settings-save").click();
    assertThat(dialog.getByTestId("settings-status")).hasText("Saved.");
    JsonNode last = saved.get(saved.size() - 1);
    Assertions.assertThat(last.get("draftReply").asBoolean()).isTrue();
    Assertions.assertThat(last.get("brandKit").get("brandName").asText()).isEqualTo("Acme");
    Assertions.assertThat(last.get("urls").size()).isEqualTo(2);
    Assertions.assertThat(last.get("faq").get(0).get("answer").asText()).isEqualTo("No.");
    page.keyboard().press("Escape");
    assertThat(dialog).isHidden();
    assertThat(page.getByTestId("draft-reply")).isVisible();
  }

  @Test
  void draftReplyFillsTheBoxAndNeverSends() {
    String customer = Carrier.freshUsNumber();
    Assertions.assertThat(smsc.deliver(customer, ourNumber, "Are you open late?")).isZero();
    page.route(
        "**/api/settings/inbox",
        route -> fulfilJson(route, 200, JSON.createObjectNode().put("draftReply", true)));
    List<String> sends = new ArrayList<>();
    page.route(
        "**/api/inbox/conversations/*/draft-reply",
        route ->
            fulfilJson(
                route, 200, JSON.createObjectNode().put("text", "Yes, until 9pm on Fridays.")));
    page.onRequest(
        r -> {
          if (r.url().endsWith("/messages") && "POST".equals(r.method())) {
            sends.add(r.url());
          }
        });
    openConversationWith(customer);
    page.getByTestId("draft-reply").click();
    assertThat(page.getByTestId("composer")).hasValue("Yes, until 9pm on Fridays.");
    assertThat(page.getByTestId("composer-counter")).containsText("1 message");
    Assertions.assertThat(sends).isEmpty();
  }

  @Test
  void optOutMarkersAndSummariesAppearInTheThread() {
    String customer = Carrier.freshUsNumber();
    for (int i = 1; i <= 10; i++) {
      Assertions.assertThat(smsc.deliver(customer, ourNumber, "Note " + i)).isZero();
    }
    Assertions.assertThat(smsc.deliver(customer, ourNumber, "STOP")).isZero();
    page.route(
        "**/api/inbox/conversations/*",
        route -> {
          if (!"GET".equals(route.request().method())) {
            route.resume();
            return;
          }
          var real = route.fetch();
          ObjectNode body = (ObjectNode) readJson(real.text());
          ArrayNode messages = (ArrayNode) body.get("messages");
          ((ObjectNode) messages.get(messages.size() - 1)).put("keywordEvent", "OPT_OUT");
          body.putArray("summaries")
              .addObject()
              .put("messageCount", 10)
              .put("text", "The customer left ten notes <script>x</script>.")
              .put("at", "2026-01-01T10:00:00Z");
          fulfilJson(route, 200, body);
        });
    openConversationWith(customer);
    assertThat(page.getByTestId("keyword-event")).hasText("Opted out");
    assertThat(page.getByTestId("summary")).containsText("ten notes <script>x</script>.");
    Locator afterTenth =
        page.locator("[data-testid=message]:has-text('Note 10') + [data-testid=summary]");
    assertThat(afterTenth).hasCount(1);
    screenshot("opt-out-and-summary");
  }

  // --- helpers --------------------------------------------------------------------------------

  static Locator.FilterOptions hasText(String text) {
    return new Locator.FilterOptions().setHasText(text);
  }

  void openConversationWith(String customer) {
    open("/");
    page.getByTestId("search").fill(customer.substring(customer.length() - 7));
    page.getByTestId("search").press("Enter"); // search now, not after the typing pause
    Locator row = page.getByTestId("conversation-row").filter(hasText(customer));
    assertThat(row).hasCount(1);
    row.click();
    assertThat(page.locator("#conversation-title")).hasText(customer);
  }

  static void fulfilJson(Route route, int status, Object body) {
    try {
      route.fulfill(
          new Route.FulfillOptions()
              .setStatus(status)
              .setContentType(status >= 400 ? "application/problem+json" : "application/json")
              .setBody(JSON.writeValueAsString(body)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static ObjectNode problem(int status, String detail) {
    return JSON.createObjectNode()
        .put("type", "about:blank")
        .put("title", "Refused")
        .put("status", status)
        .put("detail", detail);
  }

  static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
