package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scheduled sends (issue 21; CONTRACT rows POST .../messages {text, sendAt?} and DELETE
 * /api/inbox/messages/{id}): a scheduled reply waits SCHEDULED and reaches the SMSC at its time, a
 * cancelled one never does and its credits come back; another account's admin cannot see or cancel
 * it; the CRM can schedule too.
 */
class ScheduledSendsIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  static final HostCrmTokens CRM = HostCrmTokens.ofTheTestServers();

  @Test
  void aScheduledReplyGoesOutAtItsTimeAndACancelledOneNeverDoes() {
    String customer = FreshNumbers.us();
    long conversation = inbox.conversationWith(customer);
    String path = "/api/inbox/conversations/" + conversation + "/messages";
    // Far enough ahead for the checks below to run while both are still scheduled.
    Instant soon = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(12);
    long before = inbox.admin().get("/api/credits").json().get("balance").asLong();

    var cancelled =
        inbox.admin().post(path, Map.of("text", "Cancel me", "sendAt", soon.toString()));
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
    assertThat(cancelled.json().get("status").asText()).isEqualTo("SCHEDULED");
    var kept =
        inbox
            .admin()
            .post(
                path, Map.of("text", "Scheduled hello", "sendAt", soon.plusSeconds(2).toString()));
    assertThat(kept.status()).as(kept.body()).isEqualTo(202);
    assertThat(kept.json().get("status").asText()).isEqualTo("SCHEDULED");
    assertThat(inbox.admin().get("/api/credits").json().get("balance").asLong())
        .isEqualTo(before - 2);

    // Another account's admin: not found, and it stays scheduled.
    InboxClient other =
        InboxClient.bearer(
            CRM.admin()
                .set("account", "it-sch-" + UUID.randomUUID().toString().substring(0, 8))
                .sign());
    long cancelId = cancelled.json().get("id").asLong();
    var foreign = other.delete("/api/inbox/messages/" + cancelId);
    assertThat(foreign.status()).as(foreign.body()).isEqualTo(404);
    assertThat(foreign.contentType()).startsWith("application/problem+json");

    var cancel = inbox.admin().delete("/api/inbox/messages/" + cancelId);
    assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
    assertThat(cancel.json().get("status").asText()).isEqualTo("CANCELLED");
    assertThat(inbox.admin().get("/api/credits").json().get("balance").asLong())
        .isEqualTo(before - 1);

    await("the scheduled reply reaches the SMSC")
        .atMost(Duration.ofSeconds(45))
        .until(() -> submittedTo(customer, "Scheduled hello"));
    // It was due after the cancelled one: had that one left, it would be there by now.
    assertThat(submittedTo(customer, "Cancel me")).isFalse();
    var again = inbox.admin().delete("/api/inbox/messages/" + kept.json().get("id").asLong());
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(inbox.admin().get("/api/inbox/conversations/" + conversation).body())
        .contains("CANCELLED");
  }

  @Test
  void badTimesAreRefusedInWordsAndTheCrmCanSchedule() {
    String customer = FreshNumbers.us();
    long conversation = inbox.conversationWith(customer);
    String path = "/api/inbox/conversations/" + conversation + "/messages";
    var past =
        inbox
            .admin()
            .post(path, Map.of("text", "x", "sendAt", Instant.now().minusSeconds(60).toString()));
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.json().get("detail").asText()).contains("not in the future");
    var garbled = inbox.admin().post(path, Map.of("text", "x", "sendAt", "tomorrow at 9"));
    assertThat(garbled.status()).isEqualTo(400);
    assertThat(garbled.contentType()).startsWith("application/problem+json");
    assertThat(garbled.json().get("detail").asText()).contains("ISO-8601");

    var crm =
        inbox
            .crm()
            .post(
                "/api/sms/messages",
                Map.of(
                    "to",
                    customer,
                    "from",
                    inbox.ourNumber(),
                    "text",
                    "Tomorrow's offer",
                    "origin",
                    Map.of("type", "CAMPAIGN", "id", "c-1", "name", "Offer"),
                    "sendAt",
                    Instant.now().plus(Duration.ofDays(1)).toString()));
    assertThat(crm.status()).as(crm.body()).isEqualTo(202);
    assertThat(crm.json().get("status").asText()).isEqualTo("SCHEDULED");
    // Nobody would want a campaign held a day to be lost: cancelled by an admin, it is refunded.
    var cancel = inbox.admin().delete("/api/inbox/messages/" + crm.json().get("id").asLong());
    assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
  }

  @Test
  void quietHoursAreEachAccountsOwn() {
    InboxClient a =
        InboxClient.bearer(
            CRM.admin()
                .set("account", "it-qa-" + UUID.randomUUID().toString().substring(0, 8))
                .sign());
    InboxClient b =
        InboxClient.bearer(
            CRM.admin()
                .set("account", "it-qb-" + UUID.randomUUID().toString().substring(0, 8))
                .sign());
    var bad = a.put("/api/settings/quiet-hours", Map.of("start", "nine", "end", "08:00"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
    var saved =
        a.put(
            "/api/settings/quiet-hours", Map.of("enabled", true, "start", "22:00", "end", "07:30"));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    var read = a.get("/api/settings/quiet-hours").json();
    assertThat(read.get("start").asText()).isEqualTo("22:00");
    assertThat(read.get("end").asText()).isEqualTo("07:30");
    // B never set its own: the deployment's default (off on the test servers).
    var other = b.get("/api/settings/quiet-hours").json();
    assertThat(other.get("start").asText()).isNotEqualTo("22:00");
    assertThat(a.get("/api/audit?limit=5").body()).contains("quiet-hours.saved");
    assertThat(b.get("/api/audit?limit=5").body()).doesNotContain("quiet-hours.saved");
  }

  static boolean submittedTo(String customer, String text) {
    return inbox.smsc().submissions().stream()
        .anyMatch(s -> s.to().endsWith(customer.substring(1)) && s.text().equals(text));
  }
}
