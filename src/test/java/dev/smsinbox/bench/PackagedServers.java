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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The build's packaged server (the {@code crashTest} Liberty server that ClusterIT runs, started by
 * {@code wlp/bin/server run}) as processes of their own on an emptied PostgreSQL schema, bound to
 * the benchmark's in-process SMSC: what the cluster, live and soak benchmarks measure. Also what
 * they read from outside: the servers' CPU from /proc and counts from the schema.
 */
final class PackagedServers implements AutoCloseable {

  private static final Path WLP =
      Path.of(System.getProperty("bench.cluster.wlp", "target/liberty/wlp"));
  private static final String SERVER = System.getProperty("bench.cluster.server", "crashTest");
  private static final String PG_URL =
      System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = System.getProperty("bench.pg.user", "postgres");
  private static final Duration START = Duration.ofMinutes(8);
  private static final double TICK_NANOS = 1e9 / 100; // USER_HZ is 100 on Linux

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final SmscSimulator smsc;
  private final String dbUrl;
  private final List<LibertyProcess> servers = new ArrayList<>();
  private final List<Long> pids = new ArrayList<>();

  private PackagedServers(SmscSimulator smsc, String dbUrl) {
    this.smsc = smsc;
    this.dbUrl = dbUrl;
  }

  /** Fails with what to do when the build has not created the server yet. */
  static void requireCreated() {
    if (!Files.isDirectory(WLP.resolve("usr/servers").resolve(SERVER))) {
      throw new IllegalStateException(
          "No Liberty server "
              + SERVER
              + " under "
              + WLP
              + ": create it first (README, \"Benchmark: one and two instances\")");
    }
  }

  static String serverName() {
    return SERVER;
  }

  /**
   * Empties {@code schema}, starts {@code count} instances on it (console and output under
   * target/{@code work}), waits until each is ready and the SMSC sees a bind from each.
   *
   * @param environment settings of the caller's for every instance, beside the database's and the
   *     ports
   */
  static PackagedServers start(
      int count, SmscSimulator smsc, String schema, String work, Map<String, String> environment)
      throws Exception {
    FreshSchema.main(new String[] {PG_URL, PG_USER, schema});
    PackagedServers started = new PackagedServers(smsc, PG_URL + "?currentSchema=" + schema);
    Path dir = Path.of("target", work).toAbsolutePath();
    try {
      for (int i = 0; i < count; i++) {
        String name = count + "-" + (char) ('a' + i);
        int httpPort = LibertyProcess.freePort();
        Map<String, String> env =
            LibertyProcess.onPostgres(
                dir.resolve(name), httpPort, smsc.port(), name, started.dbUrl, PG_USER);
        env.putAll(environment);
        LibertyProcess server =
            new LibertyProcess(WLP, SERVER, env, httpPort, dir.resolve(name + "-console.log"));
        started.servers.add(server);
        started.pids.add(server.start());
      }
      for (LibertyProcess server : started.servers) {
        server.awaitReady(START);
      }
      await().atMost(Duration.ofMinutes(2)).until(() -> smsc.receivingBinds() == count);
      return started;
    } catch (Exception | Error e) {
      started.close();
      throw e;
    }
  }

  /** The first instance's http://host:port. */
  String base() {
    return servers.get(0).base();
  }

  /** The first instance's JVM. */
  long pid() {
    return pids.get(0);
  }

  /** Registers {@code number} as a dedicated, registered (two-way) number of the caller's. */
  void registerNumber(String number, String authorization) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/numbers"))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"number\":\""
                            + number
                            + "\",\"country\":\"US\",\"dedicated\":true,\"registered\":true}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 201) {
      throw new IllegalStateException("registering the number: " + answer.body());
    }
  }

  /** Waits until {@code total} inbound SMS are filed in their conversations. */
  void awaitFiled(long total) {
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> filed() >= total);
  }

  /** Inbound SMS in their conversations. */
  long filed() throws Exception {
    return count("select count(*) from message where direction = 'INBOUND'");
  }

  /** The one number a query answers, on a connection of its own (the servers' pools untouched). */
  long count(String sql) throws Exception {
    return counts(sql)[0];
  }

  /** A connection of the caller's own to the servers' schema. */
  Connection connect() throws java.sql.SQLException {
    return DriverManager.getConnection(dbUrl, PG_USER, "");
  }

  /** The numbers of the one row a query answers, on a connection of its own. */
  long[] counts(String sql) throws Exception {
    try (Connection db = connect();
        ResultSet rs = db.createStatement().executeQuery(sql)) {
      rs.next();
      long[] row = new long[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < row.length; i++) {
        row[i] = rs.getLong(i + 1);
      }
      return row;
    }
  }

  /**
   * Vacuums and analyzes the servers' tables, as autovacuum does on a live database (this machine's
   * PostgreSQL runs without it; see BenchDatabase.analyze): without statistics the plans cached
   * while the tables were empty — the foreign keys' checks among them — go on reading whole tables.
   */
  void analyze() throws java.sql.SQLException {
    try (Connection db = connect();
        var statement = db.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          statement.executeQuery(
              "select quote_ident(tablename) from pg_tables where schemaname = current_schema()")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      statement.execute("vacuum analyze " + String.join(", ", tables));
    }
  }

  /**
   * CPU time (user + system) the server JVMs have used so far, from /proc/<pid>/stat; with {@code
   * jit}, only their live JIT compiler threads' (/proc/<pid>/task/*: a compiler thread the JVM
   * ended meanwhile takes its time with it, so this is a lower bound).
   */
  long cpuNanos(boolean jit) throws IOException {
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

  /**
   * CPU time (user + system) the server JVMs' live threads have used so far, by thread name with
   * its digits folded ("Default Executor-thread-12" and "-thread-7" are one line), from
   * /proc/<pid>/task/*: where a pass's CPU went. A thread that ended meanwhile takes its time with
   * it.
   */
  Map<String, Long> cpuNanosByThread() throws IOException {
    Map<String, Long> byName = new java.util.TreeMap<>();
    for (long pid : pids) {
      try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
        for (Path task : tasks.toList()) {
          try {
            String stat = Files.readString(task.resolve("stat"));
            String name =
                stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                    .replaceAll("\\d+", "#");
            byName.merge(name, (long) (ticks(stat) * TICK_NANOS), Long::sum);
          } catch (IOException e) {
            // the thread ended while listed
          }
        }
      }
    }
    return byName;
  }

  /**
   * The threads (names with digits folded, all instances together) that used the most CPU between
   * two {@link #cpuNanosByThread} readings, µs a message each: where a pass's CPU went.
   */
  static void printThreads(Map<String, Long> before, Map<String, Long> after, long messages) {
    System.out.println("  server threads' CPU a message (µs), the largest:");
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(Integer.getInteger("bench.threads", 12))
        .forEach(
            e -> System.out.printf("    %7.1f  %s%n", e.getValue() / 1e3 / messages, e.getKey()));
  }

  /** utime + stime of a /proc stat line: after the name in parentheses, fields 14 and 15. */
  private static long ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** The machine's load average over the last minute (/proc/loadavg), or "unknown". */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Stops every instance (SIGTERM) and waits until their binds are gone. */
  @Override
  public void close() {
    servers.forEach(LibertyProcess::close);
    await().atMost(Duration.ofSeconds(30)).until(() -> smsc.receivingBinds() == 0);
  }
}
