package dev.smsinbox.adapter.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.support.CompletionRound;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.PDUSender;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the carrier reads back for a deliver_sm whose answer waits for its commit. */
class AnswersAfterCommitTest {

  /** A deliver_sm_resp as read off the wire. */
  private record Answer(int status, int sequence) {}

  private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
  private final PDUSender sender =
      AnswersAfterCommit.sender(new DefaultPDUSender(new DefaultComposer()));

  @AfterEach
  void clear() {
    AnswersAfterCommit.clear();
  }

  @Test
  void theAnswerGoesOnlyOnceTheCommitEndsWithTheStatusItGives() throws Exception {
    CompletableFuture<Integer> commit = new CompletableFuture<>();
    AnswersAfterCommit.answerWhen(commit);

    // What jSMPP does once the route returns: answer ESME_ROK on the same thread.
    sender.sendDeliverSmResp(wire, 0, 7, "");
    assertThat(answers()).isEmpty();
    // The thread's next deliver_sm is answered at once: nothing waits on it any more.
    sender.sendDeliverSmResp(wire, 0, 8, "");
    assertThat(answers()).containsExactly(new Answer(0, 8));

    commit.complete(DeliverSmHandler.TEMPORARY_ERROR);

    assertThat(answers()).containsExactly(new Answer(0, 8), new Answer(0x64, 7));
  }

  @Test
  void aCommitThatFailsIsAnsweredTryAgain() throws Exception {
    CompletableFuture<Integer> commit = new CompletableFuture<>();
    AnswersAfterCommit.answerWhen(commit);
    sender.sendDeliverSmResp(wire, 0, 9, "");

    commit.completeExceptionally(new IllegalStateException("the database went away"));

    assertThat(answers()).containsExactly(new Answer(0x64, 9));
  }

  @Test
  void anErrorTheRouteGaveAfterHandingTheSmsOverIsAnsweredAtOnce() throws Exception {
    CompletableFuture<Integer> commit = new CompletableFuture<>();
    AnswersAfterCommit.answerWhen(commit);

    sender.sendDeliverSmResp(wire, 0x65, 10, "");
    commit.complete(0);

    assertThat(answers()).containsExactly(new Answer(0x65, 10));
  }

  @Test
  void theAnswersACommitReleasesGoTogetherInOneWrite() throws Exception {
    List<byte[]> writes = new ArrayList<>();
    ByteArrayOutputStream countedWire =
        new ByteArrayOutputStream() {
          @Override
          public synchronized void write(byte[] b, int off, int len) {
            writes.add(Arrays.copyOfRange(b, off, off + len));
            super.write(b, off, len);
          }
        };
    List<CompletableFuture<Integer>> commits = new ArrayList<>();
    for (int sequence = 1; sequence <= 4; sequence++) {
      CompletableFuture<Integer> commit = new CompletableFuture<>();
      commits.add(commit);
      AnswersAfterCommit.answerWhen(commit);
      sender.sendDeliverSmResp(countedWire, 0, sequence, "");
    }

    // The writer's thread completes a batch's commits in one round.
    CompletionRound.run(
        () -> {
          commits.subList(0, 3).forEach(commit -> commit.complete(0));
          assertThat(writes).as("nothing written before the round ends").isEmpty();
        });
    // Outside a round, at once.
    commits.get(3).complete(0x64);

    assertThat(writes).extracting(pdus -> read(pdus).size()).containsExactly(3, 1);
    assertThat(read(countedWire.toByteArray()))
        .containsExactly(new Answer(0, 1), new Answer(0, 2), new Answer(0, 3), new Answer(0x64, 4));
  }

  @Test
  void aWriteThatFailsLeavesTheNextAnswersToBeWritten() throws Exception {
    ByteArrayOutputStream closedOnce =
        new ByteArrayOutputStream() {
          private boolean failed;

          @Override
          public synchronized void write(byte[] b, int off, int len) {
            if (!failed) {
              failed = true;
              throw new IllegalStateException("the connection closed");
            }
            super.write(b, off, len);
          }
        };
    CompletableFuture<Integer> lost = new CompletableFuture<>();
    AnswersAfterCommit.answerWhen(lost);
    sender.sendDeliverSmResp(closedOnce, 0, 11, "");
    CompletableFuture<Integer> next = new CompletableFuture<>();
    AnswersAfterCommit.answerWhen(next);
    sender.sendDeliverSmResp(closedOnce, 0, 12, "");

    CompletionRound.run(() -> lost.complete(0));
    CompletionRound.run(() -> next.complete(0));

    // The SMSC delivers 11 again; 12 is answered.
    assertThat(read(closedOnce.toByteArray())).containsExactly(new Answer(0, 12));
  }

  private List<Answer> answers() {
    return read(wire.toByteArray());
  }

  private static List<Answer> read(byte[] octets) {
    ByteBuffer pdus = ByteBuffer.wrap(octets);
    List<Answer> read = new ArrayList<>();
    while (pdus.remaining() >= 16) {
      int start = pdus.position();
      int length = pdus.getInt();
      assertThat(pdus.getInt()).as("command_id deliver_sm_resp").isEqualTo(0x80000005);
      read.add(new Answer(pdus.getInt(), pdus.getInt()));
      pdus.position(start + length);
    }
    return read;
  }
}
