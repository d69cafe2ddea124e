package dev.smsinbox.bench;

import static org.awaitility.Awaitility.await;

import dev.smsinbox.it.FreshSchema;
import dev.smsinbox.it.LibertyProcess;
import dev.smsinbox.runtime.simulator.SmscSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

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
  private static final String SCHEMA = System.getProperty("bench.cluster.schema", "bench_cluster");
  private static final Path WLP =
      Path.of(System.getProperty("bench.cluster.wlp", "target/liberty/wlp"));
  private static final String SERVER = System.getProperty("bench.cluster.server", "crashTest");
  private static final Duration START = Duration.ofMinutes(8);
  private static final double TICK_NANOS = 1e9 / 100; // USER_HZ is 100 on Linux

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private record Result(
      double acknowledged, double filed, double serverMicros, double jitMicros, double machine) {}

  private ClusterBenchmark() {}

  static void run() throws Exception {
    if (!Files.isDirectory(WLP.resolve("usr/servers").resolve(SERVER))) {
      throw new IllegalStateException(
          "No Liberty server "
              + SERVER
              + " under "
              + WLP
              + ": create it first (README, \"Benchmark: one and two instances\")");
    }
    String pgUrl = System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = System.getProperty("bench.pg.user", "postgres");
    System.out.printf(
        "Cluster benchmark: %d inbound SMS after %d warm-up an instance, on PostgreSQL schema %s,"
            + " server %s%n",
        MESSAGES, WARM_UP, SCHEMA, SERVER);
    try (SmscSimulator smsc = new SmscSimulator(0).start()) {
      smsc.setReceiptsEnabled(false);
      smsc.setSpreadDeliveries(true);
      Result one = pass(1, smsc, pgUrl, user);
      Result two = pass(2, smsc, pgUrl, user);
      System.out.printf(
          "two/one: acknowledged %.0f %%, filed %.0f %%, server CPU a message %.0f %% (goal:"
              + " at most 115 %%), without the JIT threads' %.0f %%; machine CPU a message %s%n",
          100 * two.acknowledged() / one.acknowledged(),
          100 * two.filed() / one.filed(),
          100 * two.serverMicros() / one.serverMicros(),
          100 * (two.serverMicros() - two.jitMicros()) / (one.serverMicros() - one.jitMicros()),
          one.machine() < 0
              ? "unknown"
              : String.format("%.0f %%", 100 * two.machine() / one.machine()));
    }
  }

  /** Starts {@code count} instances on a fresh schema, warms them up, measures one burst. */
  private static Result pass(int count, SmscSimulator smsc, String pgUrl, String user)
      throws Exception {
    FreshSchema.main(new String[] {pgUrl, user, SCHEMA});
    String dbUrl = pgUrl + "?currentSchema=" + SCHEMA;
    Path work = Path.of("target", "bench-cluster").toAbsolutePath();
    List<LibertyProcess> servers = new ArrayList<>();
    List<Long> pids = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        String name = count + "-" + (char) ('a' + i);
        int httpPort = LibertyProcess.freePort();
        Map<String, String> env =
            LibertyProcess.onPostgres(work.resolve(name), httpPort, smsc.port(), name, dbUrl, user);
        LibertyProcess server =
            new LibertyProcess(WLP, SERVER, env, httpPort, work.resolve(name + "-console.log"));
        servers.add(server);
        pids.add(server.start());
      }
      for (LibertyProcess server : servers) {
        server.awaitReady(START);
      }
      await().atMost(Duration.ofMinutes(2)).until(() -> smsc.receivingBinds() == count);
      registerNumber(servers.get(0));
      // Each instance gets the same warm-up (spread, a bind gets 1/count of the deliveries).
      int warmUp = WARM_UP * count;
      LinkBenchmark.drive(smsc, warmUp);
      awaitFiled(dbUrl, user, warmUp);
      long cpu = serverNanos(pids, false);
      long jit = serverNanos(pids, true);
      long machine = MachineCpu.busyNanos();
      long start = System.nanoTime();
      LinkBenchmark.Pass acked = LinkBenchmark.drive(smsc, MESSAGES);
      awaitFiled(dbUrl, user, (long) warmUp + MESSAGES);
      double filedRate = MESSAGES / ((System.nanoTime() - start) / 1e9);
      double serverMicros = (serverNanos(pids, false) - cpu) / 1e3 / MESSAGES;
      double jitMicros = (serverNanos(pids, true) - jit) / 1e3 / MESSAGES;
      double machineMicros = machine < 0 ? -1 : (MachineCpu.busyNanos() - machine) / 1e3 / MESSAGES;
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
    } finally {
      servers.forEach(LibertyProcess::close);
      await().atMost(Duration.ofSeconds(30)).until(() -> smsc.receivingBinds() == 0);
    }
  }

  private static void registerNumber(LibertyProcess server) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/api/numbers"))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"number\":\""
                            + OUR_NUMBER
                            + "\",\"country\":\"US\",\"dedicated\":true,\"registered\":true}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 201) {
      throw new IllegalStateException("registering the number: " + answer.body());
    }
  }

  /** Waits until {@code total} inbound SMS are filed in their conversations. */
  private static void awaitFiled(String dbUrl, String user, long total) {
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> filed(dbUrl, user) >= total);
  }

  private static long filed(String dbUrl, String user) throws Exception {
    try (Connection db = DriverManager.getConnection(dbUrl, user, "");
        ResultSet rs =
            db.createStatement()
                .executeQuery("select count(*) from message where direction = 'INBOUND'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * CPU time (user + system) the server JVMs have used so far, from /proc/<pid>/stat; with {@code
   * jit}, only their live JIT compiler threads' (/proc/<pid>/task/*: a compiler thread the JVM
   * ended meanwhile takes its time with it, so this is a lower bound).
   */
  private static long serverNanos(List<Long> pids, boolean jit) throws IOException {
    long ticks = 0;
    for (long pid : pids) {
      Path process = Path.of("/proc", Long.toString(pid));
      if (!jit) {
        ticks += ticks(Files.readString(process.resolve("stat")));
        continue;
      }
      try (var tasks = Files.list(process.resolve("task"))) {
        for (Path task : tasks.toList()) {
          try {
            String stat = Files.readString(task.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
              ticks += ticks(stat);
            }
          } catch (IOException e) {
            // the thread ended while listed
          }
        }
      }
    }
    return (long) (ticks * TICK_NANOS);
  }

  /** utime + stime of a /proc stat line: after the name in parentheses, fields 14 and 15. */
  private static long ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
