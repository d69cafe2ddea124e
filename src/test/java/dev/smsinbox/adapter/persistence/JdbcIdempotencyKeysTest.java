package dev.smsinbox.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.MovingClock;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.application.port.IdempotencyKeys.Answered;
import dev.smsinbox.application.port.IdempotencyKeys.Claim;
import dev.smsinbox.application.port.IdempotencyKeys.Claimed;
import dev.smsinbox.application.port.IdempotencyKeys.Hold;
import dev.smsinbox.application.port.IdempotencyKeys.InProgress;
import dev.smsinbox.application.port.IdempotencyKeys.Lost;
import dev.smsinbox.application.port.IdempotencyKeys.OtherRequest;
import dev.smsinbox.application.port.IdempotencyKeys.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Idempotency keys as the database keeps them, with the races that matter: two first claims at
 * once, and a retry taking over a key whose holder is still writing. On H2, and on PostgreSQL when
 * the build names one (-Ppostgres).
 */
class JdbcIdempotencyKeysTest {

  private static final Duration HOLD = Duration.ofSeconds(10);

  /** The build's own PostgreSQL schema for unit tests (see the pom's postgres profile). */
  private static final String SCHEMA = System.getProperty("test.pg.schema", "inbox_unit");

  private static final Scope BATCH = new Scope("POST /api/sms/batches", "crm", "key-1");

  private final MovingClock clock = new MovingClock(Instant.parse("2026-11-24T12:00:00Z"));
  private HikariDataSource pool;
  private JdbcUnitOfWork unitOfWork;
  private JdbcIdempotencyKeys keys;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  static Stream<String> databases() {
    return Stream.of("H2", "PostgreSQL");
  }

  private void open(String database) {
    pool = TestDatabases.open(database, SCHEMA);
    unitOfWork = new JdbcUnitOfWork(pool);
    keys = new JdbcIdempotencyKeys(unitOfWork, clock, Duration.ofHours(24), HOLD);
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aKeyIsInProgressWhileHeldAndGivesItsAnswerOnceAnswered(String database) {
    open(database);
    Claimed first = (Claimed) keys.claim(BATCH, "hash-a");
    assertThat(first.items()).isEmpty();

    assertThat(keys.claim(BATCH, "hash-a")).isInstanceOf(InProgress.class);

    assertThat(keys.answer(first.hold(), 202, "{\"queued\":1}")).isTrue();
    assertThat(keys.claim(BATCH, "hash-a")).isEqualTo(new Answered(202, "{\"queued\":1}"));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anotherRequestUnderTheKeyIsToldSoWhetherItIsHeldOrAnswered(String database) {
    open(database);
    Claimed first = (Claimed) keys.claim(BATCH, "hash-a");
    assertThat(keys.claim(BATCH, "hash-b")).isInstanceOf(OtherRequest.class);
    keys.answer(first.hold(), 202, "{}");
    assertThat(keys.claim(BATCH, "hash-b")).isInstanceOf(OtherRequest.class);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void keysAreNeverSharedAcrossCallersOrEndpoints(String database) {
    open(database);
    keys.claim(BATCH, "hash-a");
    assertThat(keys.claim(new Scope(BATCH.endpoint(), "another caller", "key-1"), "hash-b"))
        .isInstanceOf(Claimed.class);
    assertThat(keys.claim(new Scope("POST /api/sms/messages", "crm", "key-1"), "hash-b"))
        .isInstanceOf(Claimed.class);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aHoldThatRanOutIsTakenOverWithWhatItRecordedAndTheOldHolderCanWriteNoMore(String database) {
    open(database);
    Hold first = ((Claimed) keys.claim(BATCH, "hash-a")).hold();
    keys.recordItem(first, 0, "{\"id\":10}");
    keys.recordItem(first, 2, "{\"id\":12}");
    clock.advance(HOLD.minusSeconds(1));
    assertThat(keys.claim(BATCH, "hash-a"))
        .as("renewed by its last record")
        .isInstanceOf(InProgress.class);

    clock.advance(HOLD);
    Claimed second = (Claimed) keys.claim(BATCH, "hash-a");

    assertThat(second.items()).isEqualTo(Map.of(0, "{\"id\":10}", 2, "{\"id\":12}"));
    assertThatThrownBy(() -> keys.recordItem(first, 1, "{\"id\":11}")).isInstanceOf(Lost.class);
    assertThat(keys.answer(first, 202, "{\"first\":true}")).isFalse();
    assertThat(keys.answer(second.hold(), 202, "{\"second\":true}")).isTrue();
    assertThat(keys.claim(BATCH, "hash-a")).isEqualTo(new Answered(202, "{\"second\":true}"));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aReleasedKeyThatRecordedNothingIsForgottenOneThatDidResumesAtOnce(String database) {
    open(database);
    Hold nothing = ((Claimed) keys.claim(BATCH, "hash-a")).hold();
    keys.release(nothing);
    assertThat(keys.claim(BATCH, "hash-b")).as("free for any request").isInstanceOf(Claimed.class);

    Scope other = new Scope(BATCH.endpoint(), BATCH.caller(), "key-2");
    Hold some = ((Claimed) keys.claim(other, "hash-a")).hold();
    keys.recordItem(some, 0, "{\"id\":10}");
    keys.release(some);
    assertThat(keys.claim(other, "hash-b")).isInstanceOf(OtherRequest.class);
    Claimed resumed = (Claimed) keys.claim(other, "hash-a");
    assertThat(resumed.items()).containsOnlyKeys(0);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aKeyOlderThanTwentyFourHoursIsAsIfNeverUsed(String database) {
    open(database);
    keys.answer(((Claimed) keys.claim(BATCH, "hash-a")).hold(), 202, "{}");
    clock.advance(Duration.ofHours(24).minusSeconds(1));
    assertThat(keys.claim(BATCH, "hash-b")).isInstanceOf(OtherRequest.class);

    clock.advance(Duration.ofSeconds(2));
    assertThat(keys.claim(BATCH, "hash-b")).isInstanceOf(Claimed.class);
    assertThat(keys.purgeExpired()).isZero();
    clock.advance(Duration.ofHours(25));
    assertThat(keys.purgeExpired()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void ofTwoFirstClaimsAtOnceExactlyOneHoldsTheKey(String database) throws Exception {
    open(database);
    for (int round = 0; round < 20; round++) {
      Scope scope = new Scope(BATCH.endpoint(), BATCH.caller(), "race-" + round);
      CyclicBarrier together = new CyclicBarrier(2);
      List<Future<Claim>> claims = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        claims.add(
            threads.submit(
                () -> {
                  together.await(5, TimeUnit.SECONDS);
                  return keys.claim(scope, "hash-a");
                }));
      }
      List<Claim> found = new ArrayList<>();
      for (Future<Claim> claim : claims) {
        found.add(claim.get(20, TimeUnit.SECONDS));
      }
      assertThat(found).filteredOn(Claimed.class::isInstance).hasSize(1);
      assertThat(found).filteredOn(InProgress.class::isInstance).hasSize(1);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * The holder renews the key in the transaction that writes; a retry that finds the hold run out
   * meanwhile waits for that transaction and then sees the renewal: it does not take over.
   */
  @ParameterizedTest
  @MethodSource("databases")
  void aTakeOverWaitsForTheHoldersWriteAndSeesItRenewed(String database) throws Exception {
    open(database);
    Hold holder = ((Claimed) keys.claim(BATCH, "hash-a")).hold();
    clock.advance(HOLD.plusSeconds(1));
    CountDownLatch recorded = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    Future<?> writing =
        threads.submit(
            () ->
                unitOfWork.run(
                    () -> {
                      keys.recordItem(holder, 0, "{\"id\":10}");
                      recorded.countDown();
                      awaitQuietly(commit);
                    }));
    assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Claim> retry =
        CompletableFuture.supplyAsync(() -> keys.claim(BATCH, "hash-a"), threads);
    await("the retry waits for the holder's transaction")
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !retry.isDone());
    commit.countDown();
    writing.get(20, TimeUnit.SECONDS);

    assertThat(retry.get(20, TimeUnit.SECONDS)).isInstanceOf(InProgress.class);
  }
}
