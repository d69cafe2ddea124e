package dev.smsinbox.bench;

import dev.smsinbox.runtime.simulator.SmscSimulator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Issue 19: the same inbound burst through one instance of the packaged server, then through two
 * (each its own process and bind, the SMSC spreading its deliver_sm over the binds), on one
 * PostgreSQL schema. Per pass: the acknowledged rate, the filed rate (until all N are in their
 * conversations) and the CPU a message of the server JVMs (their utime + stime from /proc, so what
 * other processes on this shared machine do is not counted; PostgreSQL's own CPU is not in it
 * either, the machine's is printed beside it). Two instances on two cores are not expected to be
 * faster: what the ratio two/one of CPU a message shows is the cost of the coordination.
 */
final class ClusterBenchmark {

  private static final String OUR_NUMBER = "+14155550100";
  private static final int MESSAGES = Integer.getInteger("bench.messages", 20_000);
  private static final int WARM_UP = Integer.getInteger("bench.warmup", 10_000);

  /**
   * Whether each bind gets the whole window (the SMPP window is a session's: a carrier that gives
   * several binds gives each its own), else the binds share one. Shared, each instance's batches
   * are half as large and every commit, wake-up and acknowledgement is spread over half the SMS:
   * that is the load's shape, not coordination.
   */
  private static final boolean WINDOW_PER_BIND =
      Boolean.parseBoolean(System.getProperty("bench.window-per-bind", "true"));

  private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
  private static final String SCHEMA = System.getProperty("bench.cluster.schema", "bench_cluster");

  private record Result(
      double acknowledged, double filed, double serverMicros, double jitMicros, double machine) {}

  private ClusterBenchmark() {}

  static void run() throws Exception {
    PackagedServers.requireCreated();
    System.out.printf(
        "Cluster benchmark: %d inbound SMS after %d warm-up an instance, on PostgreSQL schema %s,"
            + " server %s; %d deliver_sm in flight %s%n",
        MESSAGES,
        WARM_UP,
        SCHEMA,
        PackagedServers.serverName(),
        LinkBenchmark.WINDOW,
        WINDOW_PER_BIND ? "on each bind" : "over all binds");
    try (SmscSimulator smsc = new SmscSimulator(0).start()) {
      smsc.setReceiptsEnabled(false);
      smsc.setSpreadDeliveries(true);
      List<Result> ones = new ArrayList<>();
      List<Result> twos = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        if (ROUNDS > 1) {
          System.out.printf(
              "Round %d of %d (load average %s)%n", round, ROUNDS, PackagedServers.loadAverage());
        }
        // One then two within a round: the machine's other work changes slowly, so a round's two
        // passes meet about the same load; the ratio is taken within each round.
        Result one = pass(1, smsc);
        Result two = pass(2, smsc);
        ones.add(one);
        twos.add(two);
        printRatios(one, two, ROUNDS > 1 ? "this round" : "two/one");
      }
      if (ROUNDS > 1) {
        System.out.printf(
            "Median of %d rounds: server CPU a message, two/one %.0f %% (goal: at most 115 %%);"
                + " without the JIT threads' %.0f %%; one %.0f µs, two %.0f µs%n",
            ROUNDS,
            median(ones, twos, (o, t) -> 100 * t.serverMicros() / o.serverMicros()),
            median(
                ones,
                twos,
                (o, t) ->
                    100 * (t.serverMicros() - t.jitMicros()) / (o.serverMicros() - o.jitMicros())),
            median(ones, twos, (o, t) -> o.serverMicros()),
            median(ones, twos, (o, t) -> t.serverMicros()));
      }
    }
  }

  private static void printRatios(Result one, Result two, String label) {
    System.out.printf(
        "%s: acknowledged %.0f %%, filed %.0f %%, server CPU a message %.0f %% (goal:"
            + " at most 115 %%), without the JIT threads' %.0f %%; machine CPU a message %s%n",
        label,
        100 * two.acknowledged() / one.acknowledged(),
        100 * two.filed() / one.filed(),
        100 * two.serverMicros() / one.serverMicros(),
        100 * (two.serverMicros() - two.jitMicros()) / (one.serverMicros() - one.jitMicros()),
        one.machine() < 0
            ? "unknown"
            : String.format("%.0f %%", 100 * two.machine() / one.machine()));
  }

  /** The median over the rounds of a figure of each round's one and two instances. */
  private static double median(
      List<Result> ones, List<Result> twos, BiFunction<Result, Result, Double> figure) {
    double[] values = new double[ones.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = figure.apply(ones.get(i), twos.get(i));
    }
    Arrays.sort(values);
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  /** Starts {@code count} instances on a fresh schema, warms them up, measures one burst. */
  private static Result pass(int count, SmscSimulator smsc) throws Exception {
    try (PackagedServers servers =
        PackagedServers.start(count, smsc, SCHEMA, "bench-cluster", Map.of())) {
      servers.registerNumber(
          OUR_NUMBER,
          "Basic "
              + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)));
      // Each instance gets the same warm-up (spread, a bind gets 1/count of the deliveries).
      int warmUp = WARM_UP * count;
      int window = LinkBenchmark.WINDOW * (WINDOW_PER_BIND ? count : 1);
      LinkBenchmark.drive(smsc, warmUp, window);
      servers.awaitFiled(warmUp);
      servers.analyze();
      long cpu = servers.cpuNanos(false);
      long jit = servers.cpuNanos(true);
      long machine = MachineCpu.busyNanos();
      Map<String, Long> threadsBefore = servers.cpuNanosByThread();
      long start = System.nanoTime();
      LinkBenchmark.Pass acked = LinkBenchmark.drive(smsc, MESSAGES, window);
      servers.awaitFiled((long) warmUp + MESSAGES);
      double filedRate = MESSAGES / ((System.nanoTime() - start) / 1e9);
      double serverMicros = (servers.cpuNanos(false) - cpu) / 1e3 / MESSAGES;
      double jitMicros = (servers.cpuNanos(true) - jit) / 1e3 / MESSAGES;
      double machineMicros = machine < 0 ? -1 : (MachineCpu.busyNanos() - machine) / 1e3 / MESSAGES;
      PackagedServers.printThreads(threadsBefore, servers.cpuNanosByThread(), MESSAGES);
      Result result = new Result(acked.rate(), filedRate, serverMicros, jitMicros, machineMicros);
      System.out.printf(
          "%d instance%s: acknowledged %6.0f SMS/s, filed %6.0f SMS/s; CPU a message: server"
              + " JVM%s %5.0f µs (JIT compiler threads %3.0f µs of it), whole machine %s (both"
              + " until filed)%n",
          count,
          count == 1 ? " " : "s",
          result.acknowledged(),
          result.filed(),
          count == 1 ? " " : "s",
          result.serverMicros(),
          jitMicros,
          result.machine() < 0 ? "unknown" : String.format("%5.0f µs", result.machine()));
      return result;
    }
  }
}
