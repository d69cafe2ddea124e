package dev.smsinbox.support;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The inbox's background threads: all daemons, so a thread someone forgot to stop never keeps the
 * JVM (a test, a benchmark, Liberty's shutdown) waiting, and all named, so a thread dump says whose
 * they are.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** Daemon threads all called {@code name}. */
  public static ThreadFactory named(String name) {
    return r -> daemon(r, name);
  }

  /** Daemon threads called {@code prefix-1}, {@code prefix-2}, … */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> daemon(r, prefix + "-" + count.incrementAndGet());
  }

  /** A daemon thread called {@code name}, not started yet. */
  public static Thread thread(Runnable work, String name) {
    return daemon(work, name);
  }

  /**
   * One daemon thread for delayed work (retries, back-off) that belongs to a component which stops:
   * once it is shut down, work still waiting is dropped rather than run against a stopping inbox,
   * and work handed in later (a link lost while Camel stops, a send committing meanwhile) is
   * discarded rather than thrown back at whoever handed it in.
   */
  public static ScheduledThreadPoolExecutor timer(String name) {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, named(name), new ThreadPoolExecutor.DiscardPolicy());
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  private static Thread daemon(Runnable work, String name) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    return t;
  }
}
