package dev.smsinbox.bench;

import static org.awaitility.Awaitility.await;

import dev.smsinbox.adapter.smpp.InboxSmppBinding;
import dev.smsinbox.adapter.smpp.SmppLinkState;
import dev.smsinbox.application.InboxTelemetry;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.domain.OriginType;
import dev.smsinbox.runtime.CamelRuntime;
import dev.smsinbox.runtime.InboxCore;
import dev.smsinbox.runtime.LinkSettings;
import dev.smsinbox.runtime.OutboxWorker;
import dev.smsinbox.runtime.simulator.SmscSimulator;
import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * outbound submits against the configured rate. Ratios within one run are what to compare: the
 * machine is shared and noisy.
 */
final class LinkBenchmark {

  private static final String OUR_NUMBER = "+14155550100";
  private static final int MESSAGES = Integer.getInteger("bench.messages", 20_000);
  private static final int WARM_UP = Integer.getInteger("bench.warmup", 10_000);
  private static final int WINDOW = Integer.getInteger("bench.window", 32);
  private static final int OUTBOUND = Integer.getInteger("bench.outbound", 1_000);
  private static final int TPS = Integer.getInteger("bench.tps", 200);
  private static final int RECEIVE_THREADS = Integer.getInteger("bench.receive-threads", 32);
  private static final int WRITERS = Integer.getInteger("bench.writers", 1);
  private static final String DATABASES = System.getProperty("bench.databases", "h2,postgres");

  /**
   * One measured pass: messages a second, and CPU a message — the machine's (all processes, all
   * cores; negative where /proc/stat is missing) and this JVM's part (the SMSC, the inbox, H2).
   */
  private record Pass(double rate, double cpuMicros, double jvmMicros) {}

  private LinkBenchmark() {}

  static void run() throws Exception {
    System.out.printf(
        "Link benchmark: %d inbound messages after %d warm-up, %d in flight, %d receiving threads,"
            + " %d writers; %d outbound at %d parts/s%n",
        MESSAGES, WARM_UP, WINDOW, RECEIVE_THREADS, WRITERS, OUTBOUND, TPS);
    try (HeapWatch heap = new HeapWatch();
        SmscSimulator smsc = new SmscSimulator(0).start()) {
      smsc.setReceiptsEnabled(false);
      // A first round only warms the JVM: measured cold (or while the JIT still compiles the
      // code it shares with (a')), the raw rate came out too low, which flattered every ratio.
      rawRate(smsc);
      camelRate(smsc);
      Pass rawPass = rawRate(smsc);
      double raw = rawPass.rate();
      print("(a) raw link, do-nothing ESME", rawPass, raw);
      double camel = print("(a') our Camel route, do-nothing", camelRate(smsc), raw);
      StringBuilder ratios = new StringBuilder("durable/raw:");
      boolean outbound = true;
      for (String name : DATABASES.split(",")) {
        BenchDatabase db = "h2".equals(name) ? BenchDatabase.h2() : BenchDatabase.postgres();
        // Outbound on the first: queueing a thousand messages must outpace the configured rate.
        double rate = durable(smsc, db, raw, outbound);
        outbound = false;
        ratios.append(
            String.format(
                " %s %.0f %% (against (a') %.0f %%);",
                db.name(), 100 * rate / raw, 100 * rate / camel));
      }
      System.out.printf("%s peak heap %d MB (-Xmx512m)%n", ratios, heap.peakMegabytes());
    }
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
      drive(smsc, 0, WARM_UP);
      return drive(smsc, WARM_UP, MESSAGES);
    } finally {
      esme.unbindAndClose();
      await().atMost(Duration.ofSeconds(10)).until(() -> !smsc.isBound());
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
      drive(smsc, 0, WARM_UP);
      return drive(smsc, WARM_UP, MESSAGES);
    } finally {
      await().atMost(Duration.ofSeconds(10)).until(() -> !smsc.isBound());
    }
  }

  private static double durable(SmscSimulator smsc, BenchDatabase db, double raw, boolean outbound)
      throws Exception {
    Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
    AtomicReference<OutboxWorker> worker = new AtomicReference<>();
    // Counted as each filing commits: watching the tables instead would load the database.
    FiledCount filed = new FiledCount();
    InboxCore core =
        new InboxCore(
            db.dataSource(),
            new InboxCore.Settings(
                Duration.ofDays(30),
                Duration.ofMinutes(2),
                Duration.ofMinutes(10),
                10,
                c -> 1,
                Duration.ofDays(7),
                Duration.ofDays(1)),
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
    core.manageNumbers().save(OUR_NUMBER, "US", true, true);
    SmppLinkState link = new SmppLinkState();
    Pass pass;
    try (CamelRuntime camel = new CamelRuntime()) {
      worker.set(
          camel.start(
              LinkSettings.local(smsc.port(), TPS).withReceiving(RECEIVE_THREADS, WRITERS),
              core,
              link,
              clock));
      await().atMost(Duration.ofSeconds(30)).until(link::isBound);
      drive(smsc, 0, WARM_UP);
      awaitFiled(filed, WARM_UP);
      db.analyze();
      long cpu = MachineCpu.busyNanos();
      long jvm = MachineCpu.jvmNanos();
      long start = System.nanoTime();
      pass = drive(smsc, WARM_UP, MESSAGES);
      awaitFiled(filed, WARM_UP + MESSAGES);
      // Until the last SMS is in its conversation, live: what the inbox sustains, not only acks.
      Pass filing =
          new Pass(
              MESSAGES / ((System.nanoTime() - start) / 1e9),
              cpu < 0 ? -1 : (MachineCpu.busyNanos() - cpu) / 1e3 / MESSAGES,
              (MachineCpu.jvmNanos() - jvm) / 1e3 / MESSAGES);
      long stored = count(db, "select count(*) from message where direction = 'INBOUND'");
      if (stored != WARM_UP + MESSAGES) {
        throw new IllegalStateException(
            db.name() + ": " + stored + " messages stored, " + (WARM_UP + MESSAGES) + " sent");
      }
      print("(b) durable inbound, " + db.name(), pass, raw);
      print("    … and filed in conversations", filing, raw);
      System.out.printf(
          "    the last filed %.1f s after the last acknowledgement%n",
          MESSAGES / filing.rate() - MESSAGES / pass.rate());
      if (outbound) {
        outbound(smsc, core);
      }
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !smsc.isBound());
    return pass.rate();
  }

  /** Waits until {@code total} inbound messages are filed in their conversations. */
  private static void awaitFiled(FiledCount filed, long total) {
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> filed.count.get() >= total);
  }

  /** Counts the inbound SMS filed; nothing else. */
  private static final class FiledCount implements InboxTelemetry {
    final AtomicLong count = new AtomicLong();

    @Override
    public void received() {
      count.incrementAndGet();
    }
  }

  private static void outbound(SmscSimulator smsc, InboxCore core) {
    core.credits().topUp(OUTBOUND * 2L, "benchmark");
    List<String> to = new ArrayList<>();
    for (int i = 0; i < OUTBOUND; i++) {
      to.add("+1415" + (6_000_000 + i));
    }
    core.sendCrmSms()
        .sendBatch(
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

  /** Delivers messages {@code from}…{@code from+n-1} with WINDOW in flight. */
  private static Pass drive(SmscSimulator smsc, int from, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WINDOW);
    long cpu = MachineCpu.busyNanos();
    long jvm = MachineCpu.jvmNanos();
    long start = System.nanoTime();
    List<Future<Integer>> results = new ArrayList<>(n);
    for (int i = from; i < from + n; i++) {
      int message = i;
      results.add(
          pool.submit(
              () ->
                  smsc.deliver(
                      "+1415" + (3_000_000 + message % 5_000),
                      OUR_NUMBER,
                      "Benchmark message " + message)));
    }
    for (Future<Integer> result : results) {
      if (result.get() != 0) {
        throw new IllegalStateException(
            "deliver_sm answered 0x" + Integer.toHexString(result.get()));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuMicros = cpu < 0 ? -1 : (MachineCpu.busyNanos() - cpu) / 1e3 / n;
    double jvmMicros = (MachineCpu.jvmNanos() - jvm) / 1e3 / n;
    pool.shutdown();
    return new Pass(n / seconds, cpuMicros, jvmMicros);
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
        "%-40s %8.0f messages/s (%3.0f %% of raw); CPU a message: %s, this JVM %4.0f µs%n",
        what,
        pass.rate(),
        100 * pass.rate() / raw,
        pass.cpuMicros() < 0 ? "unknown" : String.format("%4.0f µs", pass.cpuMicros()),
        pass.jvmMicros());
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
