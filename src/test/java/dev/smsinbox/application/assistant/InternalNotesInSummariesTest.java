package dev.smsinbox.application.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.MovingClock;
import dev.smsinbox.adapter.persistence.JdbcInboxSettingsRepository;
import dev.smsinbox.adapter.persistence.JdbcSummaryRepository;
import dev.smsinbox.adapter.persistence.JdbcTeamRepository;
import dev.smsinbox.adapter.persistence.TestDatabases;
import dev.smsinbox.application.Callers;
import dev.smsinbox.application.inbound.InboundSms;
import dev.smsinbox.application.inbound.ReceiveSms.Stored;
import dev.smsinbox.application.port.ReplyAssistant;
import dev.smsinbox.domain.GroundingPage;
import dev.smsinbox.domain.Message;
import dev.smsinbox.runtime.InboxCore;
import dev.smsinbox.runtime.TestCores;
import dev.smsinbox.runtime.TestSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Internal notes and the AI (issue 21): a summary's input has the team's notes only when the
 * account's admin chose so (off by default); a draft reply to the customer never has them, whatever
 * the choice.
 */
class InternalNotesInSummariesTest {

  static final String OURS = "+14155550100";
  static final String ANN = "+14155550111";
  static final String NOTE = "Refund approved by Marco, do not tell her before Friday";

  HikariDataSource pool;
  InboxCore core;
  ManageInboxSettings settings;
  final MovingClock clock = new MovingClock(Instant.parse("2026-11-24T12:00:00Z"));
  final List<ReplyAssistant.SummaryRequest> summaryInputs = new CopyOnWriteArrayList<>();
  final List<ReplyAssistant.DraftRequest> draftInputs = new CopyOnWriteArrayList<>();

  /** Keeps what it was asked to write from. */
  final ReplyAssistant assistant =
      new ReplyAssistant() {
        @Override
        public String draftReply(DraftRequest request, int maxCharacters) {
          draftInputs.add(request);
          return "We will check and come back to you.";
        }

        @Override
        public String summarize(SummaryRequest request, int maxCharacters) {
          summaryInputs.add(request);
          return "A summary.";
        }
      };

  @BeforeEach
  void open() {
    pool = TestDatabases.open("H2", "notes_summary_unit");
    core =
        TestCores.plain(
            pool, TestSettings.inbox(Duration.ofMinutes(10), Duration.ofHours(6)), clock);
    core.manageNumbers().save(Callers.admin(), OURS, "US", true, true);
    settings =
        new ManageInboxSettings(
            core.unitOfWork,
            new JdbcInboxSettingsRepository(core.unitOfWork),
            url -> GroundingPage.failed(url, "not in this test", clock.instant()),
            saved -> {},
            core.audit,
            clock);
  }

  @AfterEach
  void close() {
    pool.close();
  }

  SummarizeConversations summaries() {
    return summaries(Runnable::run);
  }

  SummarizeConversations summaries(java.util.concurrent.Executor background) {
    return new SummarizeConversations(
            core.unitOfWork,
            settings,
            core.conversations,
            new JdbcSummaryRepository(core.unitOfWork),
            core.events,
            () -> assistant,
            background,
            clock)
        .notes(new JdbcTeamRepository(core.unitOfWork));
  }

  /** Nine texts from Ann, the team's note, then her tenth text: a summary is due. */
  Message tenMessagesAndANote() {
    Message last = null;
    for (int i = 1; i <= 10; i++) {
      clock.advance(Duration.ofMinutes(1));
      last = receive("Question number " + i + "?");
      if (i == 9) {
        clock.advance(Duration.ofSeconds(10));
        core.team.note(Callers.admin(), last.conversationId(), NOTE);
      }
    }
    return last;
  }

  @Test
  void aSummaryLeavesTheNotesOutUnlessTheAdminChoseOtherwise() {
    save(false);
    Message tenth = tenMessagesAndANote();
    summaries().afterStored(Callers.ACCOUNT, tenth);
    assertThat(summaryInputs).hasSize(1);
    assertThat(summaryInputs.get(0).messages()).hasSize(10);
    assertThat(summaryInputs.get(0).notes()).isEmpty();
    assertThat(texts(summaryInputs.get(0).messages())).doesNotContain(NOTE);
  }

  @Test
  void aSummaryHasTheNotesWhenTheAdminChoseSo() {
    save(true);
    assertThat(settings.current(Callers.ACCOUNT).summaryIncludesNotes()).isTrue();
    Message tenth = tenMessagesAndANote();
    summaries().afterStored(Callers.ACCOUNT, tenth);
    assertThat(summaryInputs).hasSize(1);
    assertThat(summaryInputs.get(0).notes()).extracting(n -> n.text()).containsExactly(NOTE);
    // Another account's choice does not carry over.
    assertThat(settings.current("another").summaryIncludesNotes()).isFalse();
  }

  @Test
  void aDraftReplyNeverHasTheNotesEvenWhenSummariesDo() {
    save(true);
    Message tenth = tenMessagesAndANote();
    new DraftReply(core.unitOfWork, settings, core.conversations, () -> assistant)
        .draft(Callers.admin(), tenth.conversationId());
    assertThat(draftInputs).hasSize(1);
    assertThat(texts(draftInputs.get(0).conversation())).hasSize(10).doesNotContain(NOTE);
  }

  /**
   * A burst of stored messages is one look in the background, not a task each, and only the
   * accounts whose switch is on are summarized: another account naming the same conversation gets
   * nothing.
   */
  @Test
  void storedMessagesGatherIntoOneLookForTheAccountWhoseSwitchIsOn() {
    save(false);
    Message tenth = tenMessagesAndANote();
    List<Runnable> looks = new ArrayList<>();
    SummarizeConversations summaries = summaries(looks::add);
    for (int i = 0; i < 10; i++) {
      summaries.afterStored(Callers.ACCOUNT, tenth);
      summaries.afterStored("another", tenth);
    }
    assertThat(looks).hasSize(1);
    looks.get(0).run();
    assertThat(summaryInputs).hasSize(1);
    assertThat(summaryInputs.get(0).messages()).hasSize(10);
    // Once looked at, the next stored message queues a new look (already summarized: none more).
    summaries.afterStored(Callers.ACCOUNT, tenth);
    assertThat(looks).hasSize(2);
    looks.get(1).run();
    assertThat(summaryInputs).hasSize(1);
  }

  void save(boolean withNotes) {
    settings.save(
        Callers.admin(),
        new ManageInboxSettings.Change(
            true, true, true, null, null, List.of(), List.of(), withNotes));
  }

  Message receive(String text) {
    var outcome =
        core.receiveSms
            .receiveAll(List.of(new InboundSms(ANN, OURS, text, 1, "GSM7", clock.instant())))
            .get(0);
    return ((Stored) outcome).message();
  }

  static List<String> texts(List<Message> messages) {
    List<String> texts = new ArrayList<>();
    messages.forEach(m -> texts.add(m.text()));
    return texts;
  }
}
