package dev.smsinbox.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.application.inbound.InboundJournal.Entry;
import dev.smsinbox.application.inbound.InboundSms;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Taking batches from the inbound journal: on PostgreSQL a batch is read from just above the last
 * entry taken, so these check that nothing is left behind by that — an entry committed with a lower
 * id after higher ones were taken (another writer, another instance), an entry due again after a
 * failed attempt, a batch whose transaction rolled back. On H2, and on PostgreSQL when the build
 * names one (-Ppostgres).
 */
class JdbcInboundJournalTest {

  private static final String SCHEMA = System.getProperty("test.pg.schema", "inbox_unit");
  private static final Instant AT = Instant.parse("2026-12-03T12:00:00Z");
  private static final Instant LATER = AT.plusSeconds(3600);

  private HikariDataSource pool;
  private JdbcUnitOfWork unitOfWork;
  private JdbcInboundJournal journal;

  static Stream<String> databases() {
    return Stream.of("H2", "PostgreSQL");
  }

  private void open(String database) {
    pool = TestDatabases.open(database, SCHEMA + "_journal");
    unitOfWork = new JdbcUnitOfWork(pool);
    journal = new JdbcInboundJournal(unitOfWork, () -> {});
  }

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  private static InboundSms sms(String text) {
    return sms("+14155550101", text);
  }

  private static InboundSms sms(String from, String text) {
    return new InboundSms(from, "+14155550100", text, 1, "GSM7", AT);
  }

  /** The SMS of several senders, "sender:text" each, in one append. */
  private void appendFrom(String... fromAndText) {
    unitOfWork.run(
        () ->
            journal.append(
                Stream.of(fromAndText).map(s -> s.split(":")).map(p -> sms(p[0], p[1])).toList()));
  }

  /**
   * Another instance's filer: its own journal object (its own place in the journal) in a
   * transaction that has taken a batch and stays open until {@link #release}.
   */
  private final class OtherFiler implements AutoCloseable {
    final ExecutorService thread = Executors.newSingleThreadExecutor();
    final CountDownLatch tookIt = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicBoolean committed = new AtomicBoolean();
    final List<String> taken = new CopyOnWriteArrayList<>();
    final Future<?> done;

    OtherFiler(int limit) throws InterruptedException {
      JdbcInboundJournal its = new JdbcInboundJournal(unitOfWork, () -> {});
      done =
          thread.submit(
              () -> {
                unitOfWork.run(
                    () -> {
                      its.take(LATER, limit).forEach(e -> taken.add(e.sms().text()));
                      tookIt.countDown();
                      try {
                        release.await(30, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    });
                committed.set(true);
              });
      assertThat(tookIt.await(30, TimeUnit.SECONDS)).isTrue();
    }

    void release() throws Exception {
      release.countDown();
      done.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      release.countDown();
      thread.shutdown();
    }
  }

  @Test
  void twoFilersTakeDifferentEntriesAndNeitherWaitsForTheOther() throws Exception {
    open("PostgreSQL");
    appendFrom("+14155550101:a", "+14155550102:b", "+14155550103:c", "+14155550104:d");

    try (OtherFiler other = new OtherFiler(2)) {
      assertThat(other.taken).containsExactly("a", "b");
      // Taken while the other's batch is still locked and not yet filed: no waiting for it.
      assertThat(take(LATER, 10)).containsExactly("c", "d");
      assertThat(other.committed).isFalse();
      other.release();
    }
    assertThat(unitOfWork.inTransaction(journal::depth)).isZero();
  }

  @Test
  void aSendersLaterSmsWaitsWhileAnEarlierOneIsFiledElsewhere() throws Exception {
    open("PostgreSQL");
    appendFrom("+14155550101:x1", "+14155550102:y1", "+14155550101:x2", "+14155550102:y2");

    try (OtherFiler other = new OtherFiler(1)) {
      assertThat(other.taken).containsExactly("x1");
      // x2 must not reach the conversation before x1, which the other filer holds.
      assertThat(take(LATER, 10)).containsExactly("y1", "y2");
      other.release();
    }
    assertThat(take(LATER, 10)).containsExactly("x2");
    assertThat(unitOfWork.inTransaction(journal::depth)).isZero();
  }

  @Test
  void aSendersLaterSmsWaitsWhileAnotherInstanceHoldsAnEarlierOneBelowThisFilersPlace()
      throws Exception {
    open("PostgreSQL");
    appendFrom("+14155550101:x1", "+14155550102:y1");

    try (OtherFiler other = new OtherFiler(1)) {
      assertThat(other.taken).containsExactly("x1");
      // This filer's place moves past x1, which it skips: the other instance holds it.
      assertThat(take(LATER, 10)).containsExactly("y1");
      appendFrom("+14155550101:x2");
      assertThat(take(LATER, 10)).as("x2 while x1 is still being filed elsewhere").isEmpty();
      other.release();
    }
    assertThat(take(LATER, 10)).containsExactly("x2");
  }

  @Test
  void aSendersLaterSmsWaitsForAnEarlierOneCommittedBelowThisFilersPlace() throws Exception {
    open("PostgreSQL");
    ExecutorService writer = Executors.newSingleThreadExecutor();
    CountDownLatch appended = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    try {
      // Another instance's journal writer: x1 gets its id first and commits last.
      Future<?> x1 =
          writer.submit(
              () ->
                  unitOfWork.run(
                      () -> {
                        journal.append(List.of(sms("+14155550101", "x1")));
                        appended.countDown();
                        try {
                          commit.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }));
      assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
      appendFrom("+14155550102:y1");
      assertThat(take(LATER, 10)).containsExactly("y1");
      // A second take while x1 is still uncommitted: its place is no more to be trusted yet.
      appendFrom("+14155550102:y2");
      assertThat(take(LATER, 10)).containsExactly("y2");
      commit.countDown();
      x1.get(30, TimeUnit.SECONDS);
    } finally {
      commit.countDown();
      writer.shutdown();
    }
    // The carrier sends x2 once x1 is acknowledged: x2's id is above this filer's place, x1's
    // below.
    appendFrom("+14155550101:x2");

    assertThat(takeUntilSeen("x1", LATER))
        .as("a customer's SMS in the order they arrived")
        .containsExactly("x1", "x2");
  }

  private void append(String... texts) {
    unitOfWork.run(
        () -> journal.append(Stream.of(texts).map(JdbcInboundJournalTest::sms).toList()));
  }

  /**
   * Takes batches until {@code text} is among them (an entry below the filer's place waits for the
   * look at the whole journal, once a second): everything taken meanwhile, in order.
   */
  private List<String> takeUntilSeen(String text, Instant now) {
    List<String> seen = new ArrayList<>();
    await(text + " is taken")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              seen.addAll(take(now, 10));
              return seen.contains(text);
            });
    return seen;
  }

  private List<String> take(Instant now, int limit) {
    return unitOfWork.inTransaction(
        () -> journal.take(now, limit).stream().map(e -> e.sms().text()).toList());
  }

  @ParameterizedTest
  @MethodSource("databases")
  void batchesComeInTheOrderTheSmsArrivedAndEachOnce(String database) {
    open(database);
    append("one", "two", "three");
    append("four");

    assertThat(take(LATER, 2)).containsExactly("one", "two");
    assertThat(take(LATER, 10)).containsExactly("three", "four");
    assertThat(take(LATER, 10)).isEmpty();
    assertThat(unitOfWork.inTransaction(journal::depth)).isZero();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void textsComeBackExactlyAsTheCarrierSentThem(String database) {
    open(database);
    List<String> texts =
        List.of(
            "NULL",
            "{\"quoted\", {braces}, back\\slash}",
            "",
            "  spaces around  ",
            "emoji 👍🏽 and 𝄞, accents àèìòù, Ελληνικά",
            "line\nbreak\ttab");
    unitOfWork.run(() -> journal.append(texts.stream().map(JdbcInboundJournalTest::sms).toList()));

    assertThat(take(LATER, 10)).containsExactlyElementsOf(texts);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anEntryCommittedBelowTheLastOneTakenIsStillTaken(String database) throws SQLException {
    open(database);
    append("first", "second");
    List<Entry> taken = unitOfWork.inTransaction(() -> journal.take(LATER, 10));
    assertThat(taken).hasSize(2);
    // Another writer's entry that got its id before these and committed after they were taken.
    insertWithId(taken.get(0).id(), "late");
    append("after");

    assertThat(takeUntilSeen("late", LATER)).containsExactlyInAnyOrder("after", "late");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aBatchWhoseTransactionRollsBackIsTakenAgain(String database) {
    open(database);
    append("a", "b");

    assertThatThrownBy(
            () ->
                unitOfWork.run(
                    () -> {
                      assertThat(journal.take(LATER, 10)).hasSize(2);
                      throw new IllegalStateException("filing failed");
                    }))
        .hasMessageContaining("filing failed");

    assertThat(take(LATER, 10)).containsExactly("a", "b");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anEntryPostponedAfterAFailureIsTakenWhenItIsDueAndNotBefore(String database) {
    open(database);
    append("troubled", "fine");
    Entry troubled = unitOfWork.inTransaction(() -> journal.due(AT, 1)).get(0);
    unitOfWork.run(
        () -> journal.postpone(troubled.id(), 1, AT.plusSeconds(60), "the database refused it"));

    assertThat(take(AT.plusSeconds(30), 10)).containsExactly("fine");
    assertThat(takeUntilSeen("troubled", AT.plusSeconds(90))).containsExactly("troubled");
  }

  private void insertWithId(long id, String text) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "insert into inbound_journal (id, source_number, dest_number, body, segments,"
                    + " encoding, incomplete, received_at)"
                    + " values (?, ?, ?, ?, 1, 'GSM7', false, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, "+14155550101");
      ps.setString(3, "+14155550100");
      ps.setString(4, text);
      ps.setObject(5, AT.atOffset(ZoneOffset.UTC));
      ps.executeUpdate();
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }
}
