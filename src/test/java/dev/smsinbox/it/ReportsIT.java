package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /api/reports through a real server (issue 25, CONTRACT): what a fresh account's customers and
 * admin did today, counted in the account's time zone, seen by its admin and by the host CRM, never
 * by another account; the days as CSV; a period longer than a year refused with a Problem.
 */
class ReportsIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  static final HostCrmTokens CRM = HostCrmTokens.ofTheTestServers();
  static final String ACCOUNT = "it-reports-" + UUID.randomUUID().toString().substring(0, 8);
  static final String OTHER = "it-reports-other-" + UUID.randomUUID().toString().substring(0, 8);
  static final String ZONE = "Pacific/Kiritimati"; // UTC+14: its today is rarely the UTC day

  static InboxClient admin;
  static InboxClient crm;
  static String ourNumber;

  @BeforeAll
  static void anAccountWithANumberCreditsAndAZone() {
    admin = InboxClient.bearer(CRM.admin().set("account", ACCOUNT).sign());
    crm =
        InboxClient.bearer(
            CRM.admin().set("account", ACCOUNT).set("groups", List.of("crm-service")).sign());
    ourNumber = FreshNumbers.us();
    assertThat(admin.post("/api/numbers", InboxClient.twoWayNumber(ourNumber)).status())
        .isEqualTo(201);
    assertThat(
            crm.post("/api/credits/top-ups", Map.of("amount", 100, "reason", "reports")).status())
        .isEqualTo(201);
    var zone = admin.put("/api/settings/time-zone", Map.of("timeZone", ZONE));
    assertThat(zone.status()).as(zone.body()).isEqualTo(200);
  }

  @Test
  void todaysInboundRepliesOptOutsAndCreditsAreTheAccountsOwn() {
    String today = LocalDate.now(ZoneId.of(ZONE)).toString();
    String ann = FreshNumbers.us();
    String bob = FreshNumbers.us();
    assertThat(inbox.smsc().deliver(ann, ourNumber, "Do you deliver on Sundays?")).isZero();
    assertThat(inbox.smsc().deliver(bob, ourNumber, "STOP")).isZero();
    long annConversation = awaitConversation(ann);
    var reply =
        admin.post(
            "/api/inbox/conversations/" + annConversation + "/messages",
            Map.of("text", "Yes, 9 to 12"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);

    JsonNode day =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> today(admin, today),
                d -> d.get("inbound").asLong() == 2 && d.get("delivered").asLong() >= 1);
    assertThat(day.get("date").asText()).isEqualTo(today);
    assertThat(day.get("optOuts").asLong()).isEqualTo(1);
    assertThat(day.get("optIns").asLong()).isZero();
    assertThat(day.get("firstResponse").get("count").asLong()).isEqualTo(1);
    // Our reply, and the inbox's own (free) answer to STOP when it sends one.
    long outbound = day.get("outbound").asLong();
    assertThat(outbound).isBetween(1L, 2L);
    assertThat(day.get("creditsSpent").asLong()).isEqualTo(1);

    // The host CRM reads the same numbers.
    JsonNode asCrm = crm.get(reportPath(today, today)).json();
    assertThat(asCrm.get("timeZone").asText()).isEqualTo(ZONE);
    assertThat(asCrm.get("totals").get("inbound").asLong()).isEqualTo(2);

    // Another account sees none of it.
    InboxClient other = InboxClient.bearer(CRM.admin().set("account", OTHER).sign());
    JsonNode theirs = other.get(reportPath(null, null)).json();
    assertThat(theirs.get("totals").get("inbound").asLong()).isZero();
    assertThat(theirs.get("totals").get("outbound").asLong()).isZero();
    // Nor may it narrow to our number.
    var foreign = other.get(reportPath(null, null) + "&number=" + enc(ourNumber));
    assertThat(foreign.status()).isEqualTo(400);

    // The days as CSV: a header, then today's row with the same figures.
    var csv = admin.get(reportPath(today, today), "Accept", "text/csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).startsWith("date,inbound,outbound,delivered,failed,expired,optOuts");
    assertThat(lines.get(1)).startsWith(today + ",2," + outbound + ",");
  }

  @Test
  void firstResponsesOutsideTheWorkingHoursCountNothingAndOnlyForThisAccount() {
    String account = "it-reports-hours-" + UUID.randomUUID().toString().substring(0, 8);
    InboxClient hoursAdmin = InboxClient.bearer(CRM.admin().set("account", account).sign());
    String number = FreshNumbers.us();
    assertThat(hoursAdmin.post("/api/numbers", InboxClient.twoWayNumber(number)).status())
        .isEqualTo(201);
    InboxClient hoursCrm =
        InboxClient.bearer(
            CRM.admin().set("account", account).set("groups", List.of("crm-service")).sign());
    assertThat(
            hoursCrm
                .post("/api/credits/top-ups", Map.of("amount", 10, "reason", "reports"))
                .status())
        .isEqualTo(201);
    assertThat(
            hoursAdmin
                .put("/api/settings/time-zone", Map.of("timeZone", "Asia/Kathmandu"))
                .status())
        .isEqualTo(200);
    String today = LocalDate.now(ZoneId.of("Asia/Kathmandu")).toString();
    // Three customers answered now: three first responses.
    for (int i = 0; i < 3; i++) {
      String customer = FreshNumbers.us();
      assertThat(inbox.smsc().deliver(customer, number, "Hello " + i)).isZero();
      long conversation =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () ->
                      hoursAdmin
                          .get("/api/inbox/conversations?q=" + enc(customer))
                          .json()
                          .get("items"),
                  items -> items.size() == 1)
              .get(0)
              .get("id")
              .asLong();
      assertThat(
              hoursAdmin
                  .post(
                      "/api/inbox/conversations/" + conversation + "/messages",
                      Map.of("text", "Hi"))
                  .status())
          .isEqualTo(202);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> today(hoursAdmin, today).get("firstResponse").get("count").asLong(), n -> n == 3);

    // Working hours only on a day two days from now (in the account's zone): none of the waits
    // happened in them, so each counts 0 seconds — whatever they took on the clock.
    String day = LocalDate.now(ZoneId.of("Asia/Kathmandu")).plusDays(2).getDayOfWeek().name();
    var saved =
        hoursAdmin.put(
            "/api/settings/working-hours",
            Map.of("shifts", List.of(Map.of("day", day, "from", "09:00", "to", "18:00"))));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.json().get("shifts").get(0).get("day").asText()).isEqualTo(day);
    assertThat(saved.json().get("timeZone").asText()).isEqualTo("Asia/Kathmandu");
    JsonNode report = hoursAdmin.get(reportPath(today, today)).json();
    assertThat(report.get("workingHoursApplied").asBoolean()).isTrue();
    JsonNode first = report.get("totals").get("firstResponse");
    assertThat(first.get("medianS").asLong()).isZero();
    assertThat(first.get("p90S").asLong()).isZero();
    assertThat(first.get("count").asLong()).isEqualTo(3);

    // The other accounts have no working hours of theirs.
    assertThat(admin.get("/api/settings/working-hours").json().get("shifts").size()).isZero();
    assertThat(admin.get(reportPath(today, today)).json().get("workingHoursApplied").asBoolean())
        .isFalse();

    // Refusals that say what to change; agents and the CRM service may not set them.
    var overlap =
        hoursAdmin.put(
            "/api/settings/working-hours",
            Map.of(
                "shifts",
                List.of(
                    Map.of("day", "MONDAY", "from", "09:00", "to", "13:00"),
                    Map.of("day", "MON", "from", "12:00", "to", "18:00"))));
    assertThat(overlap.status()).isEqualTo(400);
    assertThat(overlap.contentType()).startsWith("application/problem+json");
    assertThat(overlap.json().get("detail").asText()).contains("overlap");
    var badTime =
        hoursAdmin.put(
            "/api/settings/working-hours",
            Map.of("shifts", List.of(Map.of("day", "MONDAY", "from", "9", "to", "18:00"))));
    assertThat(badTime.status()).isEqualTo(400);
    assertThat(badTime.json().get("detail").asText()).contains("HH:mm");
    assertThat(
            InboxClient.agent()
                .put("/api/settings/working-hours", Map.of("shifts", List.of()))
                .status())
        .isEqualTo(403);

    // No working hours again: the clock's seconds.
    assertThat(hoursAdmin.put("/api/settings/working-hours", Map.of("shifts", List.of())).status())
        .isEqualTo(200);
    assertThat(
            hoursAdmin.get(reportPath(today, today)).json().get("workingHoursApplied").asBoolean())
        .isFalse();
  }

  @Test
  void aPeriodLongerThanAYearIsAProblem() {
    var tooLong = admin.get(reportPath("2025-01-01", "2026-01-02"));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.contentType()).startsWith("application/problem+json");
    assertThat(tooLong.json().get("detail").asText()).contains("at most 366 days");
    assertThat(admin.get(reportPath("2025-01-01", "2026-01-01")).json().get("days").size())
        .isEqualTo(366);
    var badDate = admin.get(reportPath("yesterday", null));
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.json().get("detail").asText()).contains("YYYY-MM-DD");
    // An agent (no admin role) may not read reports.
    assertThat(InboxClient.agent().get(reportPath(null, null)).status()).isEqualTo(403);
  }

  private static JsonNode today(InboxClient client, String today) {
    var answer = client.get(reportPath(today, today));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().get("days").get(0);
  }

  private static long awaitConversation(String customer) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> admin.get("/api/inbox/conversations?q=" + enc(customer)).json().get("items"),
            items -> items.size() == 1)
        .get(0)
        .get("id")
        .asLong();
  }

  private static String reportPath(String from, String to) {
    return "/api/reports?from=" + (from == null ? "" : from) + "&to=" + (to == null ? "" : to);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
