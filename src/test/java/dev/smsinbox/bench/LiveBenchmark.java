package dev.smsinbox.bench;

import dev.smsinbox.it.HostCrmTokens;
import dev.smsinbox.runtime.simulator.SmscSimulator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Issue 22, the live figure: how long from a customer's SMS leaving the carrier (its deliver_sm
 * sent by the in-process SMSC) to its {@code message.received} event read by an admin's open screen
 * (the live stream, signed in as the screens are: a launch from the host CRM and its session
 * cookie), through one instance of the packaged server on PostgreSQL. Measured at a steady {@code
 * bench.live.rate} (200 SMS/s, the target: p99 at most 100 ms) and in a burst of {@code
 * bench.messages} as fast as 32 deliver_sm in flight allow. The SMSC and the stream's reader are in
 * this one JVM: both times come from its System.nanoTime.
 */
final class LiveBenchmark {

  private static final int RATE = Integer.getInteger("bench.live.rate", 200);
  private static final int STEADY_SECONDS = Integer.getInteger("bench.live.seconds", 30);
  private static final int MESSAGES = Integer.getInteger("bench.messages", 20_000);
  private static final int WARM_UP = Integer.getInteger("bench.warmup", 10_000);

  /**
   * After the burst of warm-up, seconds at the steady rate, not measured: a burst files SMS in
   * batches, a steady 200 a second nearly one at a time — other code, which the JIT compiler would
   * otherwise still be compiling in the measured phase (a first run spent 40 % of the server's CPU
   * in it there).
   */
  private static final int STEADY_WARM_UP_SECONDS =
      Integer.getInteger("bench.live.warmup-seconds", 30);

  private static final String SCHEMA = System.getProperty("bench.live.schema", "bench_live");
  private static final double TARGET_P99_MILLIS = 100;

  private LiveBenchmark() {}

  static void run() throws Exception {
    PackagedServers.requireCreated();
    int steady = RATE * STEADY_SECONDS;
    System.out.printf(
        "Live benchmark: deliver_sm → message.received on the admin's live stream, one instance of"
            + " server %s on PostgreSQL schema %s; %d SMS warm-up, then %d at %d SMS/s, then a"
            + " burst of %d; load average %s%n",
        PackagedServers.serverName(),
        SCHEMA,
        WARM_UP,
        steady,
        RATE,
        MESSAGES,
        PackagedServers.loadAverage());
    String token = signedInAdmin();
    try (SmscSimulator smsc = new SmscSimulator(0).start();
        PackagedServers server = PackagedServers.start(1, smsc, SCHEMA, "bench-live", Map.of())) {
      smsc.setReceiptsEnabled(false);
      server.registerNumber(TimedDeliveries.OUR_NUMBER, "Bearer " + token);
      int calm = STEADY_WARM_UP_SECONDS * RATE;
      int capacity = WARM_UP + calm + steady + MESSAGES;
      try (LiveStream stream =
              LiveStream.open(server.base(), LiveStream.launch(server.base(), token), capacity);
          TimedDeliveries carrier = new TimedDeliveries(smsc, capacity)) {
        TimedDeliveries.Range warmUp = carrier.burst(WARM_UP);
        stream.awaitAll(warmUp.from(), warmUp.to(), Duration.ofMinutes(5));
        server.awaitFiled(warmUp.size());
        TimedDeliveries.Range steadyWarmUp = carrier.steady(calm, RATE);
        stream.awaitAll(steadyWarmUp.from(), steadyWarmUp.to(), Duration.ofMinutes(5));
        double p99 = phase("steady", server, stream, carrier, () -> carrier.steady(steady, RATE));
        phase("burst", server, stream, carrier, () -> carrier.burst(MESSAGES));
        System.out.printf(
            "p99 at %d SMS/s: %.1f ms against the target of at most %.0f ms: %s%n",
            RATE, p99, TARGET_P99_MILLIS, p99 <= TARGET_P99_MILLIS ? "met" : "NOT met");
        if (carrier.refused() > 0) {
          System.out.printf("%d deliver_sm refused or unanswered%n", carrier.refused());
        }
      }
    }
  }

  /**
   * A token of an administrator of CRM account "bench", signed by the test host CRM whose public
   * key the packaged server trusts (made by the build in target/it-jwt).
   */
  static String signedInAdmin() {
    return HostCrmTokens.ofTheTestServers()
        .admin()
        .set("account", "bench")
        .set("sub", "bench-admin")
        .expiresIn(Duration.ofHours(3))
        .sign();
  }

  private interface Delivery {
    TimedDeliveries.Range deliver() throws Exception;
  }

  /** Runs one phase, waits for its events, prints its figures; answers its p99 in ms. */
  private static double phase(
      String name,
      PackagedServers server,
      LiveStream stream,
      TimedDeliveries carrier,
      Delivery delivery)
      throws Exception {
    String load = PackagedServers.loadAverage();
    long cpu = server.cpuNanos(false);
    long jit = server.cpuNanos(true);
    Map<String, Long> threads = server.cpuNanosByThread();
    TimedDeliveries.Range range = delivery.deliver();
    stream.awaitAll(range.from(), range.to(), Duration.ofMinutes(5));
    PackagedServers.printThreads(threads, server.cpuNanosByThread(), range.size());
    double serverMicros = (server.cpuNanos(false) - cpu) / 1e3 / range.size();
    double jitMicros = (server.cpuNanos(true) - jit) / 1e3 / range.size();
    List<Double> live = carrier.millis(range, stream::arrival);
    List<Double> acks = carrier.millis(range, carrier::ackedAt);
    double p99 = TimedDeliveries.quantile(live, 0.99);
    // Where the time went: until the filing transaction wrote the event (its created_at, the
    // server's clock, the same machine's), and from there until the stream delivered it.
    long[] written = eventsWritten(server, range);
    List<Double> toWritten = new ArrayList<>();
    List<Double> toRead = new ArrayList<>();
    for (int n = range.from(); n < range.to(); n++) {
      if (written[n - range.from()] != 0 && stream.arrival(n) != 0) {
        toWritten.add((written[n - range.from()] - carrier.epochMicros(carrier.sentAt(n))) / 1e3);
        toRead.add((carrier.epochMicros(stream.arrival(n)) - written[n - range.from()]) / 1e3);
      }
    }
    toWritten.sort(null);
    toRead.sort(null);
    System.out.printf(
        "%-6s %6d SMS sent at %6.0f SMS/s: deliver_sm → message.received p50 %6.1f ms, p99 %6.1f"
            + " ms, max %6.1f ms (%d of %d events); deliver_sm_resp p50 %5.1f ms, p99 %6.1f ms;"
            + " server JVM CPU a message %4.0f µs (JIT threads %3.0f µs of it); load average %s"
            + " → %s%n",
        name,
        range.size(),
        range.size() / range.seconds(),
        TimedDeliveries.quantile(live, 0.5),
        p99,
        live.isEmpty() ? Double.NaN : live.get(live.size() - 1),
        live.size(),
        range.size(),
        TimedDeliveries.quantile(acks, 0.5),
        TimedDeliveries.quantile(acks, 0.99),
        serverMicros,
        jitMicros,
        load,
        PackagedServers.loadAverage());
    System.out.printf(
        "       of which deliver_sm → event written by filing p50 %6.1f ms, p99 %6.1f ms;"
            + " written → read from the stream p50 %6.1f ms, p99 %6.1f ms%n",
        TimedDeliveries.quantile(toWritten, 0.5),
        TimedDeliveries.quantile(toWritten, 0.99),
        TimedDeliveries.quantile(toRead, 0.5),
        TimedDeliveries.quantile(toRead, 0.99));
    return p99;
  }

  /**
   * When each message of {@code range} had its message.received event written (inbox_event's
   * created_at, µs since the epoch), by number from the range's first; 0 where none.
   */
  private static long[] eventsWritten(PackagedServers server, TimedDeliveries.Range range)
      throws Exception {
    long[] written = new long[range.size()];
    try (Connection db = server.connect();
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "select created_at, payload from inbox_event where type ="
                        + " 'message.received'")) {
      while (rs.next()) {
        Matcher m = TimedDeliveries.NUMBERED.matcher(rs.getString(2));
        if (m.find()) {
          int n = Integer.parseInt(m.group(1));
          if (n >= range.from() && n < range.to()) {
            Instant at = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
            written[n - range.from()] = at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
          }
        }
      }
    }
    return written;
  }
}
