package dev.smsinbox.adapter.smpp;

import dev.smsinbox.support.CompletionRound;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jsmpp.PDUSender;
import org.jsmpp.SynchronizedPDUSender;

/**
 * A deliver_sm answered once its SMS is committed, by the thread that commits it, instead of by a
 * jSMPP processing thread parked until then. jSMPP answers a deliver_sm on the thread that handed
 * it to the inbound route, right after the route returns; parked there until the commit, every SMS
 * cost a park and a wake-up of its thread on top of the link's own hand-offs (measured in a burst:
 * about a tenth of the JVM's CPU went to the 32 receiving threads' futex waits and the writer
 * waking them one by one).
 *
 * <p>How it goes: the route's handler gives the SMS to the inbound writer and leaves here, on its
 * thread, the status its commit will give ({@link #answerWhen}); jSMPP then, on the same thread,
 * sends ESME_ROK through the session's PDU sender ({@link #sender}), which holds it and sends the
 * status the commit gives, when it gives it. Nothing is answered ESME_ROK before its commit.
 *
 * <p>The answers a commit releases are written together, with one write to the connection, once the
 * committing thread has completed them all ({@link CompletionRound}): written one by one, they took
 * it about 40 % of its time (a write(2) each, each waking the carrier's reader), time the next
 * commit waited for. It writes them itself rather than hand them to another thread: measured, the
 * same rates, and one hand-off fewer a commit. Outside such a round (the writer's watch answering
 * "try again") an answer is written at once.
 *
 * <p>Only the sessions of {@link AnsweringSessions} hold answers; their endpoints mark each
 * deliver_sm's exchange ({@link #EXCHANGE_PROPERTY}) so the handler knows its answer can wait.
 */
final class AnswersAfterCommit {

  /** Set on a deliver_sm's exchange when its session's sender holds answers. */
  static final String EXCHANGE_PROPERTY = "smsinbox.answerAfterCommit";

  private static final Logger LOG = Logger.getLogger(AnswersAfterCommit.class.getName());
  private static final byte[] HELD = new byte[0];

  /** The answer the deliver_sm being handled on this thread waits for, if any. */
  private static final ThreadLocal<CompletionStage<Integer>> PENDING = new ThreadLocal<>();

  private AnswersAfterCommit() {}

  /**
   * The deliver_sm handled on this thread is answered with {@code status} once it completes (an
   * exception: ESME_RX_T_APPN, the SMSC delivers it again).
   */
  static void answerWhen(CompletionStage<Integer> status) {
    PENDING.set(status);
  }

  /** Nothing pending on this thread: the next answer goes at once. */
  static void clear() {
    PENDING.remove();
  }

  /** A session's PDU sender that holds a deliver_sm's answer while its commit is pending. */
  static PDUSender sender(PDUSender sender) {
    return new Holding(sender);
  }

  private static final class Holding extends SynchronizedPDUSender {

    /** An answer whose commit is done, waiting to be written. */
    private record Due(OutputStream os, int status, int sequenceNumber, String messageId) {}

    private final Queue<Due> due = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    Holding(PDUSender sender) {
      super(sender);
    }

    @Override
    public byte[] sendDeliverSmResp(
        OutputStream os, int commandStatus, int sequenceNumber, String messageId)
        throws IOException {
      CompletionStage<Integer> later = PENDING.get();
      if (later == null) {
        return super.sendDeliverSmResp(os, commandStatus, sequenceNumber, messageId);
      }
      PENDING.remove();
      if (commandStatus != 0) {
        // The route failed after handing the SMS over: its status stands; should the SMS commit
        // all the same, the SMSC's redelivery is recognised and stored once.
        return super.sendDeliverSmResp(os, commandStatus, sequenceNumber, messageId);
      }
      later.whenComplete(
          (status, failure) -> {
            due.add(
                new Due(
                    os,
                    status != null ? status : DeliverSmHandler.TEMPORARY_ERROR,
                    sequenceNumber,
                    messageId));
            if (writing.compareAndSet(false, true)) {
              CompletionRound.atEnd(this::writeDue);
            }
          });
      return HELD;
    }

    /** Writes every answer due, those of one connection with one write, until none is left. */
    private void writeDue() {
      do {
        try {
          List<Due> answers = new ArrayList<>();
          for (Due next = due.poll(); next != null; next = due.poll()) {
            answers.add(next);
          }
          int from = 0;
          while (from < answers.size()) {
            OutputStream os = answers.get(from).os();
            int to = from + 1;
            while (to < answers.size() && answers.get(to).os() == os) {
              to++;
            }
            write(os, answers.subList(from, to));
            from = to;
          }
        } finally {
          // Whatever happened, the next answer due finds nobody writing and writes.
          writing.set(false);
        }
        // An answer added after the last poll but before the flag fell found it still set.
      } while (!due.isEmpty() && writing.compareAndSet(false, true));
    }

    private void write(OutputStream os, List<Due> answers) {
      try {
        // A deliver_sm_resp with an empty message_id: a 16-octet header and its terminating NUL.
        ByteArrayOutputStream pdus = new ByteArrayOutputStream(answers.size() * 17);
        for (Due answer : answers) {
          super.sendDeliverSmResp(
              pdus, answer.status(), answer.sequenceNumber(), answer.messageId());
        }
        // The lock every PDU sender of the session takes (SynchronizedPDUSender's).
        synchronized (os) {
          pdus.writeTo(os);
          os.flush();
        }
      } catch (IOException | RuntimeException e) {
        // The connection closed meanwhile: the SMSC delivers them again on the next bind, and a
        // stored SMS is then recognised and stored once.
        LOG.log(
            Level.WARNING,
            "Could not answer "
                + answers.size()
                + " deliver_sm (sequence numbers "
                + answers.get(0).sequenceNumber()
                + " to "
                + answers.get(answers.size() - 1).sequenceNumber()
                + "); the SMSC will deliver them again",
            e);
      }
    }
  }
}
