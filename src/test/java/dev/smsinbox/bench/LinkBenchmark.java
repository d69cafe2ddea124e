package dev.smsinbox.bench;

import static org.awaitility.Awaitility.await;

import dev.smsinbox.adapter.smpp.InboxSmppBinding;
import dev.smsinbox.adapter.smpp.LinkSettings;
import dev.smsinbox.adapter.smpp.SmppLinkState;
import dev.smsinbox.application.Callers;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.outbound.OutboxWorker;
import dev.smsinbox.application.port.InboxTelemetry;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.domain.OriginType;
import dev.smsinbox.runtime.CamelRuntime;
import dev.smsinbox.runtime.InboxCore;
import dev.smsinbox.runtime.TestSettings;
import dev.smsinbox.runtime.simulator.SmscSimulator;
import jakarta.json.bind.JsonbBuilder;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.smpp.SmppEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;

/**
 * The carrier link in one run, against an in-process SMSC: (a) the raw link rate, deliver_sm
 * acknowledged by a do-nothing ESME; (b) our durable inbound rate, each message stored and
 * committed before its deliver_sm_resp, on H2 and on PostgreSQL, and the rate at which the same
 * messages were filed in their conversations (from the first deliver_sm to the last filed); (c)
 * outbound submits against the configured rate. Each pass is measured once the JIT has settled, as
 * a server that has run for a while is, and each durable pass beside a raw one: ratios between
 * neighbours are what to compare, the machine is shared and noisy.
 */
final class LinkBenchmark {

  private static final String OUR_NUMBER = "+14155550100";
  private static final int MESSAGES = Integer.getInteger("bench.messages", 20_000);
  private static final int WARM_UP = Integer.getInteger("bench.warmup", 10_000);
  static final int WINDOW = Integer.getInteger("bench.window", 32);

  /** How many customers the SMS come from, in turn (each a contact and a conversation). */
  private static final int SENDERS = Integer.getInteger("bench.senders", 5_000);

  private static final int OUTBOUND = Integer.getInteger("bench.outbound", 1_000);
  private static final int TPS = Integer.getInteger("bench.tps", 200);
  private static final int RECEIVE_THREADS = Integer.getInteger("bench.receive-threads", 32);
  private static final int WRITERS = Integer.getInteger("bench.writers", 1);
  private static final String DATABASES = System.getProperty("bench.databases", "h2,postgres");

  /**
   * With {@code -Dbench.burst-seconds=N}, each durable pass is a burst of N seconds (as many SMS as
   * the link takes in that time) instead of {@code bench.messages} SMS: long enough for filing to
   * run beside the acknowledgements, as it must once its hold-back ends.
   */
  private static final int BURST_SECONDS = Integer.getInteger("bench.burst-seconds", 0);

  /**
   * With bursts, how long each raw pass lasts (as many SMS as the do-nothing ESME takes), and the
   * do-nothing Camel route's. A raw pass of {@code bench.messages} lasts about a second, and such
   * passes swung from 15,600 to 31,300 a second between runs of one morning on a quiet machine: the
   * ratio of a minute's burst to one second of the raw link was mostly that second's luck.
   */
  private static final int RAW_SECONDS =
      Integer.getInteger("bench.raw-seconds", Math.min(10, BURST_SECONDS));

  /**
   * One measured pass: how many SMS, messages a second, and CPU a message — the machine's (all
   * processes, all cores; negative where /proc/stat is missing), this JVM's part (the SMSC, the
   * inbox, H2) and PostgreSQL's processes' (see {@link MachineCpu#databaseNanos}).
   */
  record Pass(
      long messages,
      double rate,
      double cpuMicros,
      double jvmMicros,
      double databaseMicros,
      double jitShare) {}

  /** CPU counters at the start of a pass. */
  private record Start(long nanos, long machine, long jvm, long database) {
    static Start now() {
      return new Start(
          System.nanoTime(),
          MachineCpu.busyNanos(),
          MachineCpu.jvmNanos(),
          MachineCpu.databaseNanos());
    }

    Pass until(long messages, double jitShare) {
      double seconds = (System.nanoTime() - nanos) / 1e9;
      return new Pass(
          messages,
          messages / seconds,
          machine < 0 ? -1 : (MachineCpu.busyNanos() - machine) / 1e3 / messages,
          (MachineCpu.jvmNanos() - jvm) / 1e3 / messages,
          database < 0 ? -1 : (MachineCpu.databaseNanos() - database) / 1e3 / messages,
          jitShare);
    }
  }

  /**
   * The JIT counts as done when a warm-up round spent under this share of its time compiling. C2
   * compiling beside a pass takes one of the two cores from it, and not evenly: passes measured
   * after one fixed warm-up compiled for half their time on the durable path, a tenth on the raw.
   */
  private static final double JIT_SETTLED = 0.05;

  private static final int MOST_WARM_UP_ROUNDS = 10;

  /**
   * Durable passes per database, each right after a raw pass: the raw rate alone swings by a third
   * between minutes on this shared machine, so a ratio is taken between neighbours and the median
   * of the pairs is shown.
   */
  private static final int PAIRS = Integer.getInteger("bench.pairs", 5);

  /** Numbers each message delivered in this run: every text differs, so none is a redelivery. */
  private static int delivered;

  private LinkBenchmark() {}

  static void run() throws Exception {
    System.out.printf(
        "Link benchmark: %d inbound messages after rounds of %d warm-up until the JIT settles (at"
            + " most "
            + MOST_WARM_UP_ROUNDS
            + "), %d in flight, %d receiving threads, %d writers; %d outbound at %d parts/s%n",
        MESSAGES,
        WARM_UP,
        WINDOW,
        RECEIVE_THREADS,
        WRITERS,
        OUTBOUND,
        TPS);
    try (HeapWatch heap = new HeapWatch();
        SmscSimulator smsc = new SmscSimulator(0).start()) {
      smsc.setReceiptsEnabled(false);
      Pass rawPass = rawRate(smsc);
      await().atMost(Duration.ofSeconds(10)).until(() -> !smsc.isBound());
      double raw = rawPass.rate();
      print("(a) raw link, do-nothing ESME", rawPass, raw);
      print("(a') our Camel route, do-nothing", camelRate(smsc), raw);
      StringBuilder ratios =
          new StringBuilder("durable/raw, median of " + PAIRS + " pairs (lowest – highest):");
      boolean outbound = true;
      for (String name : DATABASES.split(",")) {
        BenchDatabase db = "h2".equals(name) ? BenchDatabase.h2() : BenchDatabase.postgres();
        // Outbound on the first: queueing a thousand messages must outpace the configured rate.
        List<Double> pairs = durable(smsc, db, outbound);
        outbound = false;
        ratios.append(
            String.format(
                " %s %.1f %% (%.1f – %.1f %%);",
                db.name(),
                100 * pairs.get(pairs.size() / 2),
                100 * pairs.get(0),
                100 * pairs.get(pairs.size() - 1)));
      }
      System.out.printf("%s peak heap %d MB (-Xmx512m)%n", ratios, heap.peakMegabytes());
    }
  }

  /**
   * A pass of a do-nothing receiver: {@link #RAW_SECONDS} of SMS with bursts, else {@code
   * bench.messages} of them.
   */
  private static Pass steady(SmscSimulator smsc) throws Exception {
    return RAW_SECONDS > 0
        ? burst(smsc, Duration.ofSeconds(RAW_SECONDS), null)
        : drive(smsc, MESSAGES);
  }

  private static Pass rawRate(SmscSimulator smsc) throws Exception {
    SMPPSession esme = new SMPPSession();
    esme.setMessageReceiverListener(new DoNothing());
    // As many threads to answer deliver_sm as the inbox has (jSMPP's default is three).
    esme.setPduProcessorDegree(RECEIVE_THREADS);
    esme.setQueueCapacity(1000);
    esme.connectAndBind(
        "127.0.0.1",
        smsc.port(),
        new BindParameter(
            BindType.BIND_TRX,
            "raw",
            "raw",
            "",
            TypeOfNumber.UNKNOWN,
            NumberingPlanIndicator.UNKNOWN,
            null));
    try {
      warmUp(() -> drive(smsc, WARM_UP));
      return steady(smsc);
    } finally {
      esme.unbindAndClose();
    }
  }

  /**
   * The link as the inbox runs it — camel-smpp with our binding and as many receiving threads —
   * with a route that does nothing: what Camel costs before any storing.
   */
  private static Pass camelRate(SmscSimulator smsc) throws Exception {
    String uri =
        "smpp://camel@127.0.0.1:"
            + smsc.port()
            + "?password=camel&messageReceiverRouteId=do-nothing&pduProcessorDegree="
            + RECEIVE_THREADS
            + "&pduProcessorQueueCapacity=1000";
    try (DefaultCamelContext camel = new DefaultCamelContext()) {
      camel.addRoutes(
          new RouteBuilder() {
            @Override
            public void configure() {
              errorHandler(noErrorHandler());
              from("direct:do-nothing").routeId("do-nothing").process(exchange -> {});
              from("direct:submit").to(uri);
            }
          });
      SmppEndpoint endpoint = camel.getEndpoint(uri, SmppEndpoint.class);
      endpoint.setBinding(new InboxSmppBinding(endpoint.getConfiguration()));
      camel.start();
      await().atMost(Duration.ofSeconds(30)).until(smsc::isBound);
      warmUp(() -> drive(smsc, WARM_UP));
      return steady(smsc);
    } finally {
      await().atMost(Duration.ofSeconds(10)).until(() -> !smsc.isBound());
    }
  }

  /** One pair: a raw pass and the durable pass right after it, with its filing. */
  private record Pair(Pass raw, Pass durable, Pass filing) {
    double ratio() {
      return durable.rate() / raw.rate();
    }
  }

  /**
   * Prints the pair with the median ratio and answers every pair's ratio, lowest first.
   *
   * @param outbound whether to measure outbound submits as well
   */
  private static List<Double> durable(SmscSimulator smsc, BenchDatabase db, boolean outbound)
      throws Exception {
    Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
    AtomicReference<OutboxWorker> worker = new AtomicReference<>();
    // Counted as each filing commits: watching the tables instead would load the database.
    FiledCount filed = new FiledCount();
    InboxCore core =
        new InboxCore(
            db.dataSource(),
            TestSettings.inbox(),
            MessageHooks.none(),
            filed,
            JsonbBuilder.create(),
            clock,
            (type, body) -> {},
            () -> {
              if (worker.get() != null) {
                worker.get().wake();
              }
            });
    core.manageNumbers().save(Callers.admin(), OUR_NUMBER, "US", true, true);
    SmppLinkState link = new SmppLinkState();
    List<Pair> pairs = new ArrayList<>();
    try (CamelRuntime camel = new CamelRuntime(false)) {
      worker.set(
          core.connect(
                  camel,
                  LinkSettings.local(smsc.port(), TPS).withReceiving(RECEIVE_THREADS, WRITERS),
                  link,
                  () -> {})
              .outbox());
      camel.start();
      await().atMost(Duration.ofSeconds(30)).until(link::isBound);
      AtomicLong toInbox = new AtomicLong();
      warmUp(
          () -> {
            drive(smsc, WARM_UP);
            awaitFiled(filed, toInbox.addAndGet(WARM_UP));
            return null;
          });
      db.analyze();
      long warmedUp = toInbox.get();
      boolean statements = StatementProfile.reset(db);
      long[] batchesBefore = filed.batchesSoFar();
      for (int i = 0; i < PAIRS; i++) {
        // The raw ESME binds last, so the SMSC delivers to it; once it unbinds, to the inbox.
        Pass raw = rawRate(smsc);
        Start start = Start.now();
        Pass pass =
            BURST_SECONDS > 0
                ? burst(smsc, Duration.ofSeconds(BURST_SECONDS), filed.since(toInbox.get()))
                : drive(smsc, MESSAGES);
        awaitFiled(filed, toInbox.addAndGet(pass.messages()));
        // Until the last SMS is in its conversation, live: what the inbox sustains, not only acks.
        pairs.add(new Pair(raw, pass, start.until(pass.messages(), -1)));
      }
      long stored = count(db, "select count(*) from message where direction = 'INBOUND'");
      if (stored != toInbox.get()) {
        throw new IllegalStateException(
            db.name() + ": " + stored + " messages stored, " + toInbox.get() + " sent");
      }
      pairs.sort(Comparator.comparingDouble(Pair::ratio));
      Pair median = pairs.get(pairs.size() / 2);
      double raw = median.raw().rate();
      print("    raw link, " + db.name() + "'s median pair", median.raw(), raw);
      print("(b) durable inbound, " + db.name(), median.durable(), raw);
      print("    … and filed in conversations", median.filing(), raw);
      System.out.printf(
          "    %d SMS; the last filed %.1f s after the last acknowledgement%n",
          median.durable().messages(),
          median.durable().messages() / median.filing().rate()
              - median.durable().messages() / median.durable().rate());
      filed.printSince(batchesBefore);
      if (statements) {
        StatementProfile.print(db, toInbox.get() - warmedUp);
      }
      if (outbound && OUTBOUND > 0) {
        outbound(smsc, core);
      }
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !smsc.isBound());
    return pairs.stream().map(Pair::ratio).toList();
  }

  /** Waits until {@code total} inbound messages are filed in their conversations. */
  private static void awaitFiled(FiledCount filed, long total) {
    await()
        .atMost(Duration.ofMinutes(15))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> filed.count.get() >= total);
  }

  /** Counts the inbound SMS filed, the filer's transactions and the journal's commits. */
  private static final class FiledCount implements InboxTelemetry {
    final AtomicLong count = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong inBatches = new AtomicLong();
    final AtomicLong batchNanos = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    final AtomicLong inCommits = new AtomicLong();
    final AtomicLong commitNanos = new AtomicLong();
    final AtomicLong waitNanos = new AtomicLong();

    @Override
    public void received() {
      count.incrementAndGet();
    }

    @Override
    public void filingBatch(int sms, Duration took) {
      batches.incrementAndGet();
      inBatches.addAndGet(sms);
      batchNanos.addAndGet(took.toNanos());
    }

    @Override
    public void journalCommit(int sms, Duration waited, Duration took) {
      commits.incrementAndGet();
      inCommits.addAndGet(sms);
      commitNanos.addAndGet(took.toNanos());
      waitNanos.addAndGet(waited.toNanos());
    }

    /** How many were filed beyond the first {@code before}, read each time it is asked. */
    LongSupplier since(long before) {
      return () -> count.get() - before;
    }

    long[] batchesSoFar() {
      return new long[] {
        batches.get(),
        inBatches.get(),
        batchNanos.get(),
        commits.get(),
        inCommits.get(),
        commitNanos.get(),
        waitNanos.get()
      };
    }

    /**
     * The journal's commits and the filer's transactions since {@code before} (from {@link
     * #batchesSoFar}).
     */
    void printSince(long[] before) {
      long commitsSince = commits.get() - before[3];
      if (commitsSince > 0) {
        System.out.printf(
            "    acknowledging in the measured passes: %,d journal commits, %.1f SMS and %.0f µs"
                + " each; the first SMS of a commit waited %.0f µs for it%n",
            commitsSince,
            (double) (inCommits.get() - before[4]) / commitsSince,
            (commitNanos.get() - before[5]) / 1e3 / commitsSince,
            (waitNanos.get() - before[6]) / 1e3 / commitsSince);
      }
      long n = batches.get() - before[0];
      long sms = inBatches.get() - before[1];
      long nanos = batchNanos.get() - before[2];
      if (n > 0) {
        System.out.printf(
            "    filing in the measured passes: %,d transactions, %.1f SMS and %.1f ms each"
                + " (%.0f µs an SMS from taking it to the commit)%n",
            n, (double) sms / n, nanos / 1e6 / n, nanos / 1e3 / sms);
      }
    }
  }

  private static void outbound(SmscSimulator smsc, InboxCore core) {
    core.credits().topUp(Callers.crm(), OUTBOUND * 2L, "benchmark");
    List<String> to = new ArrayList<>();
    for (int i = 0; i < OUTBOUND; i++) {
      to.add("+1415" + (6_000_000 + i));
    }
    core.sendCrmSms()
        .sendBatch(
            Callers.crm(),
            OUR_NUMBER,
            "Outbound benchmark",
            new Origin(OriginType.CAMPAIGN, "bench", "Benchmark"),
            to);
    await()
        .atMost(Duration.ofSeconds(10L + 2L * OUTBOUND / TPS))
        .until(() -> smsc.submissions().size() >= OUTBOUND);
    List<Instant> times = smsc.submissions().stream().map(s -> s.at()).sorted().toList();
    double seconds = Duration.between(times.get(0), times.get(times.size() - 1)).toNanos() / 1e9;
    double rate = (times.size() - 1) / seconds;
    System.out.printf(
        "(c) outbound submits: %8.1f parts/s against %d configured (%+.1f %%)%n",
        rate, TPS, 100 * (rate - TPS) / TPS);
  }

  /**
   * Rounds of warm-up until the JIT has compiled what they run (at most {@link
   * #MOST_WARM_UP_ROUNDS}).
   */
  private static void warmUp(Callable<?> round) throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    for (int i = 0; i < MOST_WARM_UP_ROUNDS; i++) {
      long compiled = jit.getTotalCompilationTime();
      long start = System.nanoTime();
      round.call();
      double millis = (System.nanoTime() - start) / 1e6;
      if (jit.getTotalCompilationTime() - compiled < JIT_SETTLED * millis) {
        return;
      }
    }
  }

  /** Delivers {@code n} messages, each text new, with WINDOW in flight. */
  static Pass drive(SmscSimulator smsc, int n) throws Exception {
    return drive(smsc, n, WINDOW);
  }

  /** Delivers {@code n} SMS with {@code window} deliver_sm in flight (over all binds). */
  static Pass drive(SmscSimulator smsc, int n, int window) throws Exception {
    int from = delivered;
    delivered += n;
    ExecutorService pool = Executors.newFixedThreadPool(window);
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long compiled = jit.getTotalCompilationTime();
    Start start = Start.now();
    List<Future<Integer>> results = new ArrayList<>(n);
    for (int i = from; i < from + n; i++) {
      int message = i;
      results.add(
          pool.submit(
              () ->
                  smsc.deliver(
                      "+1415" + (3_000_000 + message % SENDERS),
                      OUR_NUMBER,
                      "Benchmark message " + message)));
    }
    for (Future<Integer> result : results) {
      if (result.get() != 0) {
        throw new IllegalStateException(
            "deliver_sm answered 0x" + Integer.toHexString(result.get()));
      }
    }
    double seconds = (System.nanoTime() - start.nanos()) / 1e9;
    pool.shutdown();
    return start.until(n, (jit.getTotalCompilationTime() - compiled) / 1e3 / seconds);
  }

  /**
   * Delivers SMS for {@code length}, each text new, with WINDOW in flight, printing every 10 s how
   * many were acknowledged and, when {@code filedSoFar} is given, how many filed.
   */
  private static Pass burst(SmscSimulator smsc, Duration length, LongSupplier filedSoFar)
      throws Exception {
    AtomicLong next = new AtomicLong(delivered);
    AtomicLong acknowledged = new AtomicLong();
    long deadline = System.nanoTime() + length.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(WINDOW + 1);
    Start start = Start.now();
    List<Future<?>> senders = new ArrayList<>();
    for (int t = 0; t < WINDOW; t++) {
      senders.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < deadline) {
                  long message = next.getAndIncrement();
                  int status =
                      smsc.deliver(
                          "+1415" + (3_000_000 + message % SENDERS),
                          OUR_NUMBER,
                          "Benchmark message " + message);
                  if (status != 0) {
                    throw new IllegalStateException(
                        "deliver_sm answered 0x" + Integer.toHexString(status));
                  }
                  acknowledged.incrementAndGet();
                }
                return null;
              }));
    }
    Future<?> progress =
        pool.submit(
            () -> {
              for (int s = 10; s < length.toSeconds(); s += 10) {
                long wait = start.nanos() + s * 1_000_000_000L - System.nanoTime();
                // A report every 10 s, not a wait for an outcome.
                Thread.sleep(Math.max(0, wait / 1_000_000));
                System.out.printf(
                    "      %3d s: %,9d acknowledged%s%n",
                    s,
                    acknowledged.get(),
                    filedSoFar == null
                        ? ""
                        : String.format(", %,9d filed", filedSoFar.getAsLong()));
              }
              return null;
            });
    for (Future<?> sender : senders) {
      sender.get();
    }
    progress.cancel(true);
    pool.shutdownNow();
    long n = acknowledged.get();
    delivered = (int) next.get();
    return start.until(n, -1);
  }

  private static long count(BenchDatabase db, String sql) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Prints the pass and answers its rate. */
  private static double print(String what, Pass pass, double raw) {
    System.out.printf(
        "%-40s %8.0f messages/s (%5.1f %% of raw); CPU a message: %s, this JVM %4.0f µs%s%s%n",
        what,
        pass.rate(),
        100 * pass.rate() / raw,
        pass.cpuMicros() < 0 ? "unknown" : String.format("%4.0f µs", pass.cpuMicros()),
        pass.jvmMicros(),
        // Only where PostgreSQL did the work (H2 runs inside this JVM).
        pass.databaseMicros() < 1
            ? ""
            : String.format(", PostgreSQL %4.0f µs", pass.databaseMicros()),
        pass.jitShare() < 0 ? "" : String.format("; JIT %2.0f %%", 100 * pass.jitShare()));
    return pass.rate();
  }

  /** An ESME that acknowledges everything and does nothing. */
  private static final class DoNothing implements MessageReceiverListener {
    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) {}

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {}

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
      return null;
    }
  }
}
