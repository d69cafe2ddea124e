package dev.smsinbox.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A round of completions on one thread: work that each completion would do on its own (write an
 * answer to the carrier) is deferred to the end of the round and done once for all of them (one
 * write for every answer the round released). Outside a round the work is done at once.
 */
public final class CompletionRound {

  private static final ThreadLocal<List<Runnable>> OPEN = new ThreadLocal<>();

  private CompletionRound() {}

  /**
   * Runs the completions, then the work they deferred, in the order deferred: all of it, even when
   * one throws (the first failure is thrown after the rest has run).
   */
  public static void run(Runnable completions) {
    if (OPEN.get() != null) {
      completions.run();
      return;
    }
    List<Runnable> deferred = new ArrayList<>();
    OPEN.set(deferred);
    try {
      completions.run();
    } finally {
      OPEN.remove();
      RuntimeException failed = null;
      for (Runnable work : deferred) {
        try {
          work.run();
        } catch (RuntimeException e) {
          if (failed == null) {
            failed = e;
          } else {
            failed.addSuppressed(e);
          }
        }
      }
      if (failed != null) {
        throw failed;
      }
    }
  }

  /** At the end of this thread's round, or now when it is in none. */
  public static void atEnd(Runnable work) {
    List<Runnable> deferred = OPEN.get();
    if (deferred == null) {
      work.run();
    } else {
      deferred.add(work);
    }
  }
}
