package dev.smsinbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.MovingClock;
import dev.smsinbox.adapter.persistence.TestDatabases;
import dev.smsinbox.application.Callers;
import dev.smsinbox.application.TeamInbox;
import dev.smsinbox.application.inbound.InboundSms;
import dev.smsinbox.application.inbound.ReceiveSms.Stored;
import dev.smsinbox.application.outbound.SendCrmSms.CrmSms;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.reports.Reports;
import dev.smsinbox.application.reports.Reports.Figures;
import dev.smsinbox.application.reports.Reports.FirstResponse;
import dev.smsinbox.application.reports.Reports.OriginReplies;
import dev.smsinbox.application.reports.Reports.Report;
import dev.smsinbox.domain.CarrierErrors;
import dev.smsinbox.domain.ConversationStatus;
import dev.smsinbox.domain.KeywordEvent;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.domain.OriginType;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reports (issue 25) over the real JDBC adapters, on H2 and PostgreSQL, with a clock the test sets:
 * a fixed set of inbound messages, replies, receipts, opt-outs and credits across two local days of
 * an account in New York and of another account → the exact figures of each day, a message at 23:30
 * local on its local day, nothing of the other account, first-response median and p90.
 */
class ReportsTest {

  static final String OURS = "+14155550100";
  static final String ACME_NUMBER = "+14155550200";
  static final String ANN = "+14155550111";
  static final String BOB = "+14155550112";
  static final String CARA = "+14155550113";
  static final String DAN = "+14155550114";
  static final String ED = "+14155550115";
  static final String FRED = "+14155550116";
  static final String GINA = "+14155550117";
  static final String ERROR = "UNDELIV (err 001)";

  HikariDataSource pool;
  InboxCore core;
  final MovingClock clock = new MovingClock(Instant.parse("2026-11-23T00:00:00Z"));

  static Stream<String> databases() {
    return Stream.of("H2", "PostgreSQL");
  }

  void open(String database) {
    pool =
        TestDatabases.open(
            database, System.getProperty("test.pg.schema", "inbox_unit") + "_reports");
    core = TestCores.plain(pool, TestSettings.inbox(), clock);
    for (String account : List.of("default", "acme")) {
      core.quietHours.save(Callers.admin(account), false, "21:00", "08:00");
      core.credits().topUp(Callers.crm(account), 100, "test");
      core.reports.saveZone(Callers.admin(account), "America/New_York");
    }
    core.manageNumbers().save(Callers.admin(), OURS, "US", true, true);
    core.manageNumbers().save(Callers.admin("acme"), ACME_NUMBER, "US", true, true);
  }

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void eachLocalDayCountsWhatHappenedInItAndNothingOfAnotherAccount(String database) {
    open(database);
    // 23:59 on 22 November in New York: the day before the report.
    inbound(GINA, OURS, "2026-11-23T04:59:00Z", "Late");

    // 23 November (New York, UTC-5: 05:00Z to 05:00Z the next day).
    at("2026-11-23T13:00:00Z");
    core.sendCrmSms()
        .send(
            Callers.crm(),
            new CrmSms(
                DAN,
                OURS,
                "Black Friday: 20% off",
                new Origin(OriginType.CAMPAIGN, "c1", "Black Friday"),
                null));
    long dan = inbound(DAN, OURS, "2026-11-23T13:30:00Z", "Yes please");
    long ann = inbound(ANN, OURS, "2026-11-23T14:00:00Z", "Hi");
    Message toAnn = reply(ann, "2026-11-23T14:00:30Z"); // first response 30 s
    outcome(toAnn, MessageStatus.DELIVERED, null, "2026-11-23T14:01:00Z");
    long bob = inbound(BOB, OURS, "2026-11-23T15:00:00Z", "Is it open?");
    inbound(BOB, OURS, "2026-11-23T15:02:00Z", "Hello?");
    Message toBob = reply(bob, "2026-11-23T15:05:00Z"); // 300 s, from his first message
    outcome(toBob, MessageStatus.FAILED, ERROR, "2026-11-23T15:06:00Z");
    at("2026-11-23T15:10:00Z");
    core.team.change(
        Callers.admin(), bob, new TeamInbox.Change(ConversationStatus.RESOLVED, null, false, null));
    inbound(ANN, OURS, "2026-11-23T16:00:00Z", "One more thing");
    Message toAnn2 = reply(ann, "2026-11-23T16:20:00Z"); // 1,200 s
    outcome(toAnn2, MessageStatus.DELIVERED, null, "2026-11-23T16:21:00Z");
    // 23:30 in New York is 04:30Z the next day: still 23 November.
    long cara = inbound(CARA, OURS, "2026-11-24T04:30:00Z", "STOP");
    keyword(cara, KeywordEvent.OPT_OUT);

    // Another account, at the same times: none of it in the default account's report.
    long acmeAnn = inbound(ANN, ACME_NUMBER, "2026-11-23T14:00:00Z", "Hi acme");
    at("2026-11-23T14:00:05Z");
    core.sendReply.reply(Callers.admin("acme"), acmeAnn, "Hi from acme");
    inbound(BOB, ACME_NUMBER, "2026-11-24T04:30:00Z", "STOP");

    core.reports.compact(); // the first day folded into the tally; the second day stays facts

    // 24 November.
    keyword(inbound(CARA, OURS, "2026-11-24T14:00:00Z", "START"), KeywordEvent.OPT_IN);
    reply(dan, "2026-11-24T14:00:00Z"); // Dan waited from 13:30 yesterday: 88,200 s
    long ed = inbound(ED, OURS, "2026-11-24T15:00:00Z", "Hours?");
    Message toEd = reply(ed, "2026-11-24T15:00:10Z"); // 10 s
    outcome(toEd, MessageStatus.EXPIRED, null, "2026-11-24T16:00:00Z");
    long fred = inbound(FRED, OURS, "2026-11-24T15:30:00Z", "Thanks");
    reply(fred, "2026-11-24T15:31:00Z"); // 60 s
    reply(fred, "2026-11-24T15:32:00Z"); // a second reply in a row: no wait, no first response
    at("2026-11-24T18:00:00Z");

    Report report =
        core.reports.report(Callers.admin(), "2026-11-23", "2026-11-24", null, null, "en");

    assertThat(report.timeZone()).isEqualTo("America/New_York");
    assertThat(report.days())
        .containsExactly(
            new Figures("2026-11-23", 6, 4, 2, 1, 0, 1, 0, 4, 1, new FirstResponse(300L, 1200L, 3)),
            new Figures(
                "2026-11-24", 3, 4, 0, 0, 1, 0, 1, 4, 0, new FirstResponse(60L, 88200L, 3)));
    assertThat(report.totals())
        .isEqualTo(new Figures(null, 9, 8, 2, 1, 1, 1, 1, 8, 1, new FirstResponse(60L, 88200L, 6)));
    assertThat(report.byOrigin())
        .containsExactly(new OriginReplies("CAMPAIGN", "c1", "Black Friday", 1, 1));
    CarrierErrors.Explanation undelivered = CarrierErrors.explain(ERROR).orElseThrow();
    assertThat(report.topErrors())
        .containsExactly(new Reports.TopError(undelivered.code(), undelivered.en(), 1));
    assertThat(
            core.reports
                .report(Callers.admin(), "2026-11-23", "2026-11-24", null, null, "it")
                .topErrors()
                .get(0)
                .text())
        .isEqualTo(undelivered.it());

    // The other account sees only its own: two inbound, one reply, one opt-out not marked.
    Report acme =
        core.reports.report(Callers.admin("acme"), "2026-11-23", "2026-11-24", null, null, "en");
    assertThat(acme.days().get(0).inbound()).isEqualTo(2);
    assertThat(acme.days().get(0).outbound()).isEqualTo(1);
    assertThat(acme.days().get(0).firstResponse()).isEqualTo(new FirstResponse(5L, 5L, 1));
    assertThat(acme.days().get(1).inbound()).isZero();
    assertThat(acme.byOrigin()).isEmpty();

    // Folding everything changes nothing.
    core.reports.compact();
    assertThat(core.reports.report(Callers.admin(), "2026-11-23", "2026-11-24", null, null, "en"))
        .isEqualTo(report);

    // One admin: what they sent, answered and resolved, beside what came in.
    Report admin =
        core.reports.report(Callers.admin(), "2026-11-23", "2026-11-24", OURS, "admin", "en");
    assertThat(admin.totals().inbound()).isEqualTo(9);
    assertThat(admin.totals().outbound()).isEqualTo(7); // not the CRM's campaign SMS
    assertThat(admin.totals().conversationsResolved()).isEqualTo(1);
    assertThat(admin.totals().firstResponse().count()).isEqualTo(6);

    // The CSV has the same days.
    assertThat(Reports.csv(report))
        .contains("2026-11-23,6,4,2,1,0,1,0,4,1,300,1200,3\r\n")
        .contains("2026-11-24,3,4,0,0,1,0,1,4,0,60,88200,3\r\n");
  }

  static final List<Reports.Shift> OFFICE =
      Stream.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
          .map(d -> new Reports.Shift(d, "09:00", "18:00"))
          .toList();

  @ParameterizedTest
  @MethodSource("databases")
  void firstResponsesCountOnlyTheAccountsWorkingHours(String database) {
    open(database);
    // Friday 27 November, 17:50 in New York (22:50Z); answered Monday 09:10 (14:10Z): 20 minutes
    // of Monday to Friday 09:00–18:00.
    long ann = inbound(ANN, OURS, "2026-11-27T22:50:00Z", "Are you there?");
    long acmeAnn = inbound(ANN, ACME_NUMBER, "2026-11-27T22:50:00Z", "Are you there, acme?");
    reply(ann, "2026-11-30T14:10:00Z");
    at("2026-11-30T14:10:00Z");
    core.sendReply.reply(Callers.admin("acme"), acmeAnn, "Yes");
    // The hours set after that reply: its working time is counted again from what happened.
    core.reports.saveWorkingHours(Callers.admin(), OFFICE);
    // Monday 10:00 → 10:05: five minutes.
    long bob = inbound(BOB, OURS, "2026-11-30T15:00:00Z", "Hi");
    reply(bob, "2026-11-30T15:05:00Z");
    core.reports.compact();
    // Monday 17:00 → Tuesday 09:30: one hour on Monday, half an hour on Tuesday.
    long cara = inbound(CARA, OURS, "2026-11-30T22:00:00Z", "Hello");
    reply(cara, "2026-12-01T14:30:00Z");
    at("2026-12-01T18:00:00Z");

    Report report =
        core.reports.report(Callers.admin(), "2026-11-30", "2026-12-01", null, null, "en");
    assertThat(report.workingHoursApplied()).isTrue();
    assertThat(report.workingHours()).hasSize(5).first().isEqualTo(OFFICE.get(0));
    assertThat(report.days().get(0).firstResponse()).isEqualTo(new FirstResponse(300L, 1200L, 2));
    assertThat(report.days().get(1).firstResponse()).isEqualTo(new FirstResponse(5400L, 5400L, 1));
    assertThat(report.totals().firstResponse()).isEqualTo(new FirstResponse(1200L, 5400L, 3));

    // The other account has no working hours: every second of its weekend wait counts.
    Report acme =
        core.reports.report(Callers.admin("acme"), "2026-11-30", "2026-12-01", null, null, "en");
    assertThat(acme.workingHoursApplied()).isFalse();
    assertThat(acme.totals().firstResponse()).isEqualTo(new FirstResponse(228000L, 228000L, 1));

    // Folded, or read from the slots and the responses as they happened (no roll-up yet for the
    // zone): the same figures.
    core.reports.compact();
    assertThat(core.reports.report(Callers.admin(), "2026-11-30", "2026-12-01", null, null, "en"))
        .isEqualTo(report);
    forgetRollUps();
    assertThat(core.reports.report(Callers.admin(), "2026-11-30", "2026-12-01", null, null, "en"))
        .isEqualTo(report);
    core.reports.compact(); // builds them again
    assertThat(core.reports.report(Callers.admin(), "2026-11-30", "2026-12-01", null, null, "en"))
        .isEqualTo(report);

    // Without working hours, wall-clock seconds again.
    core.reports.saveWorkingHours(Callers.admin(), List.of());
    Report always =
        core.reports.report(Callers.admin(), "2026-11-30", "2026-12-01", null, null, "en");
    assertThat(always.workingHoursApplied()).isFalse();
    assertThat(always.totals().firstResponse()).isEqualTo(new FirstResponse(59400L, 228000L, 3));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theSlotsAndTheDaysSumTheSameInAnyZone(String database) {
    open(database);
    // Around midnight of a zone at +05:45: the roll-up's days must be the zone's own.
    core.reports.saveZone(Callers.admin(), "Asia/Kathmandu");
    inbound(ANN, OURS, "2026-11-23T18:10:00Z", "Before midnight"); // 23:55 local
    inbound(BOB, OURS, "2026-11-23T18:20:00Z", "After midnight"); // 00:05 local, the 24th
    core.reports.compact();
    inbound(CARA, OURS, "2026-11-23T18:16:00Z", "Not folded yet"); // 00:01 local
    Report rolledUp =
        core.reports.report(Callers.admin(), "2026-11-23", "2026-11-24", null, null, "en");
    assertThat(rolledUp.days().get(0).inbound()).isEqualTo(1);
    assertThat(rolledUp.days().get(1).inbound()).isEqualTo(2);
    forgetRollUps();
    assertThat(core.reports.report(Callers.admin(), "2026-11-23", "2026-11-24", null, null, "en"))
        .isEqualTo(rolledUp);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void workingHoursThatMakeNoSenseAreRefusedSayingWhy(String database) {
    open(database);
    assertThatThrownBy(
            () ->
                core.reports.saveWorkingHours(
                    Callers.admin(), List.of(new Reports.Shift("Funday", "09:00", "18:00"))))
        .isInstanceOf(RequestRefused.class)
        .hasMessageContaining("day of the week");
    assertThatThrownBy(
            () ->
                core.reports.saveWorkingHours(
                    Callers.admin(), List.of(new Reports.Shift("MON", "9am", "18:00"))))
        .hasMessageContaining("HH:mm");
    assertThatThrownBy(
            () ->
                core.reports.saveWorkingHours(
                    Callers.admin(), List.of(new Reports.Shift("MON", "09:00", "09:00"))))
        .hasMessageContaining("end after the start");
    assertThatThrownBy(
            () ->
                core.reports.saveWorkingHours(
                    Callers.admin(),
                    List.of(
                        new Reports.Shift("MON", "09:00", "13:00"),
                        new Reports.Shift("monday", "12:00", "18:00"))))
        .hasMessageContaining("overlap");
    assertThatThrownBy(() -> core.reports.saveWorkingHours(Callers.admin(), null))
        .hasMessageContaining("shifts is required");
    assertThat(core.reports.workingHours(Callers.admin())).isEmpty();
    // A night shift past midnight and a short day are fine; days are given back in full.
    assertThat(
            core.reports.saveWorkingHours(
                Callers.admin(),
                List.of(
                    new Reports.Shift("sat", "10:00", "14:00"),
                    new Reports.Shift("Fri", "22:00", "06:00"))))
        .containsExactly(
            new Reports.Shift("FRIDAY", "22:00", "06:00"),
            new Reports.Shift("SATURDAY", "10:00", "14:00"));
    assertThat(core.reports.workingHours(Callers.admin("acme"))).isEmpty();
  }

  /** As after an upgrade or a new INBOX_TIME_ZONE: no per-day roll-up for any account. */
  void forgetRollUps() {
    core.unitOfWork.inTransaction(
        () ->
            core.unitOfWork.statement(
                c -> {
                  try (var st = c.createStatement()) {
                    st.executeUpdate("delete from report_roll_up");
                    return st.executeUpdate("delete from report_day");
                  }
                }));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aPeriodLongerThanAYearOrNotOursIsRefused(String database) {
    open(database);
    assertThatThrownBy(
            () ->
                core.reports.report(Callers.admin(), "2025-01-01", "2026-01-02", null, null, "en"))
        .isInstanceOf(RequestRefused.class)
        .hasMessageContaining("at most 366 days");
    assertThat(
            core.reports
                .report(Callers.admin(), "2025-01-01", "2026-01-01", null, null, "en")
                .days())
        .hasSize(366);
    assertThatThrownBy(
            () ->
                core.reports.report(Callers.admin(), "2026-11-24", "2026-11-23", null, null, "en"))
        .hasMessageContaining("after");
    assertThatThrownBy(
            () -> core.reports.report(Callers.admin(), "23/11/2026", null, null, null, "en"))
        .hasMessageContaining("YYYY-MM-DD");
    // Another account's number is not one of ours.
    assertThatThrownBy(
            () -> core.reports.report(Callers.admin(), null, null, ACME_NUMBER, null, "en"))
        .hasMessageContaining("not one of this account's numbers");
    assertThatThrownBy(() -> core.reports.report(Callers.admin(), null, null, null, "nobody", "en"))
        .hasMessageContaining("not an admin");
    assertThatThrownBy(() -> core.reports.saveZone(Callers.admin(), "Mars/Olympus"))
        .hasMessageContaining("not a time zone");
  }

  void at(String instant) {
    clock.set(Instant.parse(instant));
  }

  long inbound(String from, String to, String at, String text) {
    at(at);
    var outcome =
        core.receiveSms
            .receiveAll(List.of(new InboundSms(from, to, text, 1, "GSM7", clock.instant())))
            .get(0);
    Message m = ((Stored) outcome).message();
    return m.conversationId();
  }

  Message reply(long conversationId, String at) {
    at(at);
    return core.sendReply.reply(Callers.admin(), conversationId, "Thanks, on it").message();
  }

  void outcome(Message m, MessageStatus status, String error, String at) {
    at(at);
    core.unitOfWork.inTransaction(
        () -> {
          core.messages.updateStatus(m.id(), status, error, clock.instant());
          return null;
        });
  }

  /** The keyword the inbound message was (the latest of the conversation). */
  void keyword(long conversationId, KeywordEvent event) {
    core.unitOfWork.inTransaction(
        () -> {
          long id =
              core.unitOfWork.statement(
                  c -> {
                    try (var ps =
                        c.prepareStatement(
                            "select max(id) from message where conversation_id = ?"
                                + " and direction = 'INBOUND'")) {
                      ps.setLong(1, conversationId);
                      try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                      }
                    }
                  });
          core.messages.markKeywordEvent(id, event);
          return null;
        });
  }
}
