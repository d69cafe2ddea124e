package dev.smsinbox.runtime;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

/** The inbox's background timers. */
final class Timers {

  private Timers() {}

  /**
   * One daemon thread for delayed work (retries, back-off) that belongs to a component which stops:
   * once it is shut down, work still waiting is dropped rather than run against a stopping inbox,
   * and work handed in later (a link lost while Camel stops, a send committing meanwhile) is
   * discarded rather than thrown back at whoever handed it in.
   */
  static ScheduledThreadPoolExecutor single(String name) {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.DiscardPolicy());
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
