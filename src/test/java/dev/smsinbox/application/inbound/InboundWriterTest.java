package dev.smsinbox.application.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.smsinbox.application.inbound.ReceiveSms.Outcome;
import dev.smsinbox.application.inbound.ReceiveSms.Unrouted;
import dev.smsinbox.application.port.InboxTelemetry;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.UnroutedSms;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The carrier's side of group commit: when a deliver_sm may be answered, and with what. */
class InboundWriterTest {

  /** What operations are told of each journal commit. */
  private record Commit(int sms, Duration waited, Duration took) {}

  /** Files every SMS as not for the inbox, after the test lets it (a database that is slow). */
  private static final class SlowFiling extends ReceiveSms {
    final CountDownLatch release = new CountDownLatch(1);
    final List<List<InboundSms>> batches = new CopyOnWriteArrayList<>();
    final List<Commit> commits;

    SlowFiling() {
      this(new CopyOnWriteArrayList<>());
    }

    private SlowFiling(List<Commit> commits) {
      super(
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          new InboxTelemetry() {
            @Override
            public void journalCommit(int sms, Duration waited, Duration took) {
              commits.add(new Commit(sms, waited, took));
            }
          },
          null,
          null,
          null);
      this.commits = commits;
    }

    @Override
    public List<Outcome> acceptAll(List<InboundSms> batch) {
      batches.add(batch);
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return batch.stream().map(sms -> unrouted(sms.text())).toList();
    }
  }

  private final SlowFiling filing = new SlowFiling();

  @AfterEach
  void release() {
    filing.release.countDown();
  }

  /**
   * An SMS whose commit the test holds, and those handed in while it is held.
   *
   * @param heldFrom {@link System#nanoTime} once the first was seen committing
   * @param behindBy {@link System#nanoTime} once all behind it were seen waiting
   */
  private record HeldCommit(
      CompletableFuture<Outcome> first,
      List<CompletableFuture<Outcome>> behind,
      long heldFrom,
      long behindBy) {

    void awaitAll() throws Exception {
      first.get();
      for (CompletableFuture<Outcome> outcome : behind) {
        outcome.get();
      }
    }
  }

  private HeldCommit heldCommitWith(InboundWriter writer, String... behind) {
    CompletableFuture<Outcome> first =
        CompletableFuture.supplyAsync(() -> writer.receive(sms("1")));
    await().until(() -> filing.batches.size() == 1);
    long heldFrom = System.nanoTime();
    List<CompletableFuture<Outcome>> gathered =
        Stream.of(behind)
            .map(text -> CompletableFuture.supplyAsync(() -> writer.receive(sms(text))))
            .toList();
    await().until(() -> writer.waiting() == behind.length);
    return new HeldCommit(first, gathered, heldFrom, System.nanoTime());
  }

  @Test
  void whatGathersWhileTheWriterIsBusyIsStoredInOneTransaction() throws Exception {
    try (InboundWriter writer = new InboundWriter(filing, 32, 1, Duration.ofSeconds(10))) {
      HeldCommit held = heldCommitWith(writer, "2", "3", "4");

      filing.release.countDown();

      assertThat(held.first().get()).isEqualTo(unrouted("1"));
      for (CompletableFuture<Outcome> outcome : held.behind()) {
        assertThat(outcome.get()).isInstanceOf(Unrouted.class);
      }
      assertThat(filing.batches).hasSize(2);
      assertThat(filing.batches.get(1)).extracting(InboundSms::text).contains("2", "3", "4");
    }
  }

  @Test
  void operationsAreToldHowLargeEachCommitWasAndHowLongItsFirstSmsWaited() throws Exception {
    try (InboundWriter writer = new InboundWriter(filing, 32, 1, Duration.ofSeconds(10))) {
      HeldCommit held = heldCommitWith(writer, "2", "3");

      long released = System.nanoTime();
      filing.release.countDown();
      held.awaitAll();

      // Told once the answers are on their way.
      await().until(() -> filing.commits.size() == 2);
      assertThat(filing.commits).extracting(Commit::sms).containsExactly(1, 2);
      // The first commit lasted at least while the test held it; the two behind waited for it.
      assertThat(filing.commits.get(0).took().toNanos())
          .isGreaterThanOrEqualTo(released - held.heldFrom());
      assertThat(filing.commits.get(1).waited().toNanos())
          .isGreaterThanOrEqualTo(released - held.behindBy());
    }
  }

  @Test
  void theLinkCountsAsBusyOnlyWhenLargeBatchesGather() throws Exception {
    // A ticker that stands still: what counts is how large the batches were, not how long ago.
    try (InboundWriter writer =
        new InboundWriter(filing, 32, 1, Duration.ofSeconds(10), () -> 1_000_000_000L)) {
      CompletableFuture<Outcome> first =
          CompletableFuture.supplyAsync(() -> writer.receive(sms("lone")));
      await().until(() -> filing.batches.size() == 1);
      // One SMS at a time is an ordinary pace.
      assertThat(writer.busy()).isFalse();
      List<CompletableFuture<Outcome>> gathered = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String text = "burst " + i;
        gathered.add(CompletableFuture.supplyAsync(() -> writer.receive(sms(text))));
      }
      await().until(() -> writer.waiting() == 8);

      filing.release.countDown();

      first.get();
      for (CompletableFuture<Outcome> outcome : gathered) {
        outcome.get();
      }
      // Eight of 32 gathered while one commit ran: the link delivers as fast as we take them.
      assertThat(writer.busy()).isTrue();
    }
  }

  @Test
  void aCommitThatTakesTooLongIsAnsweredTryAgain() {
    try (InboundWriter writer = new InboundWriter(filing, 32, 1, Duration.ofMillis(200))) {
      assertThatThrownBy(() -> writer.receive(sms("slow")))
          .isInstanceOf(InboundWriter.NotStored.class)
          .hasMessageContaining("Not committed within 200 ms");
      filing.release.countDown();
    }
  }

  @Test
  void anSmsHandedInWithoutWaitingCompletesOnlyOnceCommitted() throws Exception {
    try (InboundWriter writer = new InboundWriter(filing, 32, 1, Duration.ofSeconds(10))) {
      CompletableFuture<Outcome> handed = writer.hand(sms("1"));
      await().until(() -> filing.batches.size() == 1);
      assertThat(handed).isNotDone();

      filing.release.countDown();

      assertThat(handed.get(10, TimeUnit.SECONDS)).isEqualTo(unrouted("1"));
    }
  }

  @Test
  void anSmsHandedInWithoutWaitingIsAnsweredTryAgainWhenItsCommitTakesTooLong() {
    try (InboundWriter writer = new InboundWriter(filing, 32, 1, Duration.ofMillis(200))) {
      CompletableFuture<Outcome> inTheCommit = writer.hand(sms("slow"));
      await().until(() -> filing.batches.size() == 1);
      CompletableFuture<Outcome> waitingForIt = writer.hand(sms("next"));

      // Nobody waits on these futures: the writer's watch answers them.
      await().atMost(Duration.ofSeconds(5)).until(() -> waitingForIt.isDone());
      for (CompletableFuture<Outcome> late : List.of(inTheCommit, waitingForIt)) {
        assertThat(late).isCompletedExceptionally();
        assertThatThrownBy(late::join)
            .hasCauseInstanceOf(InboundWriter.NotStored.class)
            .hasMessageContaining("Not committed within 200 ms");
      }
      filing.release.countDown();
    }
  }

  @Test
  void aCarrierFarAheadOfItsAnswersFindsTheWriterFull() {
    try (InboundWriter writer = new InboundWriter(filing, 2, 1, Duration.ofSeconds(10))) {
      writer.hand(sms("in the commit"));
      await().until(() -> filing.batches.size() == 1);
      for (int i = 0; i < 2 + InboundWriter.QUEUED - 1; i++) {
        writer.hand(sms("waiting " + i));
      }
      assertThat(writer.full()).isFalse();

      writer.hand(sms("one more"));

      assertThat(writer.full()).isTrue();
      filing.release.countDown();
      await().until(() -> !writer.full());
    }
  }

  @Test
  void stoppingStoresWhatWasHandedInAndRefusesWhatComesAfter() throws Exception {
    InboundWriter writer = new InboundWriter(filing, 32, 1, Duration.ofSeconds(10));
    CompletableFuture<Outcome> first =
        CompletableFuture.supplyAsync(() -> writer.receive(sms("1")));
    await().until(() -> filing.batches.size() == 1);
    CompletableFuture<Outcome> handedIn =
        CompletableFuture.supplyAsync(() -> writer.receive(sms("2")));
    await().until(() -> writer.waiting() == 1);
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(writer::close);

    filing.release.countDown();
    stopping.get();

    assertThat(first.get()).isEqualTo(unrouted("1"));
    assertThat(handedIn.get()).isEqualTo(unrouted("2"));
    assertThatThrownBy(() -> writer.receive(sms("late")))
        .isInstanceOf(InboundWriter.NotStored.class)
        .hasMessageContaining("stopping");
  }

  @Test
  void aStorageFailureReachesTheCarrierThreadAsItself() {
    ReceiveSms failing =
        new ReceiveSms(
            null, null, null, null, null, null, null, null, null, null, null, null, null) {
          @Override
          public List<Outcome> acceptAll(List<InboundSms> batch) {
            throw new IllegalStateException("disk full");
          }
        };
    try (InboundWriter writer = new InboundWriter(failing, 32, 1, Duration.ofSeconds(10))) {
      assertThatThrownBy(() -> writer.receive(sms("x")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("disk full");
    }
  }

  @Test
  void withoutADatabaseTheBatchIsAnsweredAtOnceNotTriedSmsBySms() throws Exception {
    List<List<InboundSms>> tried = new CopyOnWriteArrayList<>();
    CountDownLatch busy = new CountDownLatch(1);
    ReceiveSms unreachable =
        new ReceiveSms(
            null, null, null, null, null, null, null, null, null, null, null, null, null) {
          @Override
          public List<Outcome> acceptAll(List<InboundSms> batch) {
            tried.add(batch);
            if (tried.size() == 1) {
              try {
                busy.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            throw new UnitOfWork.Unavailable("Cannot open a database connection", null);
          }
        };
    try (InboundWriter writer = new InboundWriter(unreachable, 32, 1, Duration.ofSeconds(10))) {
      CompletableFuture<Outcome> first =
          CompletableFuture.supplyAsync(() -> writer.receive(sms("1")));
      await().until(() -> tried.size() == 1);
      List<CompletableFuture<Outcome>> gathered =
          List.of("2", "3", "4").stream()
              .map(text -> CompletableFuture.supplyAsync(() -> writer.receive(sms(text))))
              .toList();
      await().until(() -> writer.waiting() == 3);
      busy.countDown();

      for (CompletableFuture<Outcome> outcome : gathered) {
        assertThatThrownBy(outcome::join).hasCauseInstanceOf(UnitOfWork.Unavailable.class);
      }
      assertThatThrownBy(first::join).hasCauseInstanceOf(UnitOfWork.Unavailable.class);
      // The lone first SMS, then the three together once: none of them again on its own.
      assertThat(tried).extracting(List::size).containsExactly(1, 3);
    }
  }

  private static InboundSms sms(String text) {
    return new InboundSms("+14155550111", "+14155550100", text, 1, "GSM7", Instant.EPOCH);
  }

  /** An outcome the fake filing answers, carrying the SMS's text so each can be told apart. */
  private static Outcome unrouted(String text) {
    return new Unrouted(new UnroutedSms(0, "", "", text, 1, "GSM7", false, null, "", null, null));
  }
}
