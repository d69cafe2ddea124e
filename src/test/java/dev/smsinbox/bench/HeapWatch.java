package dev.smsinbox.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The most heap in use while a benchmark ran, sampled every 50 ms. */
final class HeapWatch implements AutoCloseable {

  private final AtomicLong peak = new AtomicLong();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

  HeapWatch() {
    sampler.scheduleAtFixedRate(
        () -> {
          Runtime rt = Runtime.getRuntime();
          peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
        },
        0,
        50,
        TimeUnit.MILLISECONDS);
  }

  long peakMegabytes() {
    return peak.get() / (1024 * 1024);
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
