package dev.smsinbox.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Issue 22, the long run: {@code bench.minutes} (3) at a steady {@code bench.rate} (500 SMS/s)
 * through one instance of the packaged server on PostgreSQL, an admin's live stream open, printing
 * every 10 s what would show a slow leak or a backlog that grows: SMS sent, acknowledged and filed;
 * the server's heap in use (/metrics, as monitoring reads it) and after its latest collection; the
 * inbound journal's depth (acknowledged, not yet filed), the entries that failed to file and wait
 * for a retry (unfiled), the SMS kept aside as unrouted; the live events' p99 and the server's CPU
 * a message. At the end a verdict: the backlog at the end against the start, the heap after a full
 * collection at the end against the start, and the trend of the heap after each collection.
 */
final class SoakBenchmark {

  private static final int RATE = Integer.getInteger("bench.rate", 500);
  private static final int MINUTES = Integer.getInteger("bench.minutes", 3);
  private static final int WARM_UP = Integer.getInteger("bench.warmup", 10_000);
  private static final String SCHEMA = System.getProperty("bench.live.schema", "bench_live");
  private static final int EVERY_SECONDS = 10;

  /**
   * The journal's depth, its entries that failed to file, the unrouted SMS and the filed: one row,
   * one round trip, on a connection of the benchmark's own.
   */
  private static final String COUNTS =
      "select (select count(*) from inbound_journal),"
          + " (select count(*) from inbound_journal where attempts > 0),"
          + " (select count(*) from unrouted_sms),"
          + " (select count(*) from message where direction = 'INBOUND')";

  /** One line of the run. */
  private record Tick(
      double seconds,
      long sent,
      long acknowledged,
      long filed,
      double heapUsed,
      double heapAfterGc,
      long depth,
      long unfiled,
      long unrouted) {}

  private SoakBenchmark() {}

  static void run() throws Exception {
    PackagedServers.requireCreated();
    int total = RATE * MINUTES * 60;
    System.out.printf(
        "Soak benchmark: %d min at %d SMS/s (%d SMS) after %d warm-up, one instance of server %s"
            + " on PostgreSQL schema %s, an admin's live stream open; load average %s%n",
        MINUTES,
        RATE,
        total,
        WARM_UP,
        PackagedServers.serverName(),
        SCHEMA,
        PackagedServers.loadAverage());
    String token = LiveBenchmark.signedInAdmin();
    // Only for this run's /metrics: made here, never kept.
    String monitorPassword = UUID.randomUUID().toString();
    try (var smsc = new dev.smsinbox.runtime.simulator.SmscSimulator(0).start();
        PackagedServers server =
            PackagedServers.start(
                1, smsc, SCHEMA, "bench-soak", Map.of("MONITOR_PASSWORD", monitorPassword))) {
      smsc.setReceiptsEnabled(false);
      server.registerNumber(TimedDeliveries.OUR_NUMBER, "Bearer " + token);
      int capacity = WARM_UP + total;
      try (LiveStream stream =
              LiveStream.open(server.base(), LiveStream.launch(server.base(), token), capacity);
          TimedDeliveries carrier = new TimedDeliveries(smsc, capacity);
          ServerHeap heap = new ServerHeap(server.base(), monitorPassword, server.pid())) {
        TimedDeliveries.Range warmUp = carrier.burst(WARM_UP);
        stream.awaitAll(warmUp.from(), warmUp.to(), Duration.ofMinutes(5));
        server.awaitFiled(warmUp.size());
        double liveAtStart = heap.liveMegabytes();
        System.out.printf(
            "after the warm-up: heap after a full collection %.0f MB%n%n"
                + "%6s %8s %8s %8s %9s %9s %7s %7s %8s %9s %8s %5s%n",
            liveAtStart,
            "s",
            "sent",
            "acked",
            "filed",
            "heap MB",
            "after GC",
            "journal",
            "unfiled",
            "unrouted",
            "live p99",
            "CPU/SMS",
            "load");
        List<Tick> ticks = new ArrayList<>();
        long start = System.nanoTime();
        long[] cpu = {server.cpuNanos(false)};
        long[] filedBefore = {warmUp.size()};
        int[] sentBefore = {warmUp.to(), warmUp.to()}; // the numbers sent by the last two ticks
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        Runnable tick =
            () -> {
              try {
                long[] counts = server.counts(COUNTS);
                long now = server.cpuNanos(false);
                Tick t =
                    new Tick(
                        (System.nanoTime() - start) / 1e9,
                        carrier.sent() - warmUp.size(),
                        carrier.acknowledged() - warmUp.size(),
                        counts[3] - warmUp.size(),
                        heap.usedMegabytes(),
                        heap.afterLastCollectionMegabytes(),
                        counts[0],
                        counts[1],
                        counts[2]);
                ticks.add(t);
                // The live p99 of the SMS sent in the 10 s before the last: they had 10 s or more.
                int sentNow = warmUp.to() + (int) t.sent();
                List<Double> live =
                    carrier.millis(
                        new TimedDeliveries.Range(sentBefore[0], sentBefore[1], 0),
                        stream::arrival);
                long filed = counts[3] - filedBefore[0];
                System.out.printf(
                    "%6.0f %8d %8d %8d %9.0f %9.0f %7d %7d %8d %9s %8s %5s%n",
                    t.seconds(),
                    t.sent(),
                    t.acknowledged(),
                    t.filed(),
                    t.heapUsed(),
                    t.heapAfterGc(),
                    t.depth(),
                    t.unfiled(),
                    t.unrouted(),
                    livePercentile(live, sentBefore[1] - sentBefore[0]),
                    filed <= 0 ? "-" : String.format("%.0f µs", (now - cpu[0]) / 1e3 / filed),
                    PackagedServers.loadAverage());
                cpu[0] = now;
                filedBefore[0] = counts[3];
                sentBefore[0] = sentBefore[1];
                sentBefore[1] = sentNow;
              } catch (Exception e) {
                System.out.println("(a sample failed: " + e + ")");
              }
            };
        ticker.scheduleAtFixedRate(tick, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
        long cpuStart = server.cpuNanos(false);
        TimedDeliveries.Range soak;
        try {
          soak = carrier.steady(total, RATE);
        } finally {
          ticker.shutdown();
          ticker.awaitTermination(1, TimeUnit.MINUTES);
        }
        long sentEnd = System.nanoTime();
        long expected = (long) warmUp.size() + soak.size() - carrier.refused();
        await()
            .atMost(Duration.ofMinutes(10))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> server.counts(COUNTS)[3] >= expected);
        double drained = (System.nanoTime() - sentEnd) / 1e9;
        double cpuMicros = (server.cpuNanos(false) - cpuStart) / 1e3 / soak.size();
        stream.awaitAll(soak.from(), soak.to(), Duration.ofMinutes(1));
        List<Double> live = carrier.millis(soak, stream::arrival);
        double liveAtEnd = heap.liveMegabytes();
        long[] end = server.counts(COUNTS);
        verdict(ticks, soak, drained, cpuMicros, live, liveAtStart, liveAtEnd, end, carrier);
      }
    }
  }

  private static void verdict(
      List<Tick> ticks,
      TimedDeliveries.Range soak,
      double drained,
      double cpuMicros,
      List<Double> live,
      double liveAtStart,
      double liveAtEnd,
      long[] end,
      TimedDeliveries carrier) {
    System.out.printf(
        "%nsent %d SMS in %.1f s (%.0f SMS/s), %d refused or unanswered; all filed %.1f s after the"
            + " last was sent; server JVM CPU a message %.0f µs; deliver_sm → message.received p50"
            + " %.1f ms, p99 %.1f ms, max %.1f ms (%d of %d events); journal now %d, unfiled %d,"
            + " unrouted %d%n",
        soak.size(),
        soak.seconds(),
        soak.size() / soak.seconds(),
        carrier.refused(),
        drained,
        cpuMicros,
        TimedDeliveries.quantile(live, 0.5),
        TimedDeliveries.quantile(live, 0.99),
        live.isEmpty() ? Double.NaN : live.get(live.size() - 1),
        live.size(),
        soak.size(),
        end[0],
        end[1],
        end[2]);
    if (ticks.size() < 2) {
      System.out.println("Verdict: too short a run for a trend (at least 20 s)");
      return;
    }
    Tick first = ticks.get(0);
    Tick last = ticks.get(ticks.size() - 1);
    // Waiting for filing: fine while under a second of traffic, or no deeper than at the start;
    // deeper but less deep than a minute before, filing is catching up (it did in the run in the
    // README, after a slow first two minutes).
    Tick minuteBefore =
        ticks.stream()
            .filter(t -> t.seconds() <= last.seconds() - 60)
            .reduce((a, b) -> b)
            .orElse(first);
    String backlog =
        last.depth() <= Math.max(first.depth(), RATE)
            ? "steady"
            : last.depth() < minuteBefore.depth()
                ? "catching up (" + minuteBefore.depth() + " a minute before the end)"
                : "GROWING";
    double heapSlope = slopePerMinute(ticks);
    // A leak holds on to something for every SMS: 10 % and 5 MB more after a full collection.
    boolean heapSteady = liveAtEnd <= liveAtStart * 1.1 + 5;
    System.out.printf(
        "Verdict: backlog %s (journal %d at %.0f s, %d at %.0f s, most %d; unfiled %d → %d,"
            + " unrouted %d → %d); heap %s (after a full collection %.0f MB after the warm-up,"
            + " %.0f MB at the end; after each collection %.0f → %.0f MB, trend %+.1f MB/min)%n",
        backlog,
        first.depth(),
        first.seconds(),
        last.depth(),
        last.seconds(),
        ticks.stream().mapToLong(Tick::depth).max().orElse(0),
        first.unfiled(),
        last.unfiled(),
        first.unrouted(),
        last.unrouted(),
        heapSteady ? "steady" : "GROWING",
        liveAtStart,
        liveAtEnd,
        first.heapAfterGc(),
        last.heapAfterGc(),
        heapSlope);
  }

  /**
   * The p99 of the SMS sent in the 10 s before the last; while some of them still wait for their
   * event, only that it is more than their age: over 10 s.
   */
  private static String livePercentile(List<Double> arrived, int sent) {
    if (sent == 0) {
      return "-";
    }
    if (arrived.size() < sent) {
      return "> " + EVERY_SECONDS + " s";
    }
    return String.format("%.0f ms", TimedDeliveries.quantile(arrived, 0.99));
  }

  /** Least-squares slope of the heap after each collection against time, MB a minute. */
  private static double slopePerMinute(List<Tick> ticks) {
    double n = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (Tick t : ticks) {
      if (Double.isNaN(t.heapAfterGc())) {
        continue;
      }
      double x = t.seconds() / 60;
      n++;
      sx += x;
      sy += t.heapAfterGc();
      sxx += x * x;
      sxy += x * t.heapAfterGc();
    }
    double d = n * sxx - sx * sx;
    return d == 0 ? Double.NaN : (n * sxy - sx * sy) / d;
  }
}
