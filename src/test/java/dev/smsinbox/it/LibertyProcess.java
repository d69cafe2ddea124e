package dev.smsinbox.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The packaged Liberty server of this build, run as a process of its own ({@code wlp/bin/server run
 * <name>}), so a test can kill its JVM with SIGKILL as an operator's {@code kill -9} or the
 * kernel's OOM killer would: no shutdown hook, no unbind, no last commit. Its settings come from
 * the environment, as server.xml reads them in production (HTTP_PORT, SMPP_PORT, DB_URL ...).
 */
public final class LibertyProcess implements AutoCloseable {

  private final Path wlp;
  private final String server;
  private final Map<String, String> environment;
  private final Path console;
  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;
  private ProcessHandle jvm;

  /**
   * @param wlp the Liberty installation the build created (target/liberty/wlp)
   * @param server the server's name under wlp/usr/servers
   * @param httpPort the port the environment gives it, for the readiness check
   * @param console where its console output is appended
   */
  public LibertyProcess(
      Path wlp, String server, Map<String, String> environment, int httpPort, Path console) {
    this.wlp = wlp;
    this.server = server;
    this.environment = Map.copyOf(environment);
    this.console = console;
    this.base = "http://127.0.0.1:" + httpPort;
  }

  /**
   * The environment of one instance of the build's crashTest server on PostgreSQL (ClusterIT, the
   * cluster benchmark): its own output folder and ports, the carrier at {@code smppPort}, the
   * database's URL, user and driver (the crashTest server leaves them to the environment). Mutable,
   * for the caller's own settings.
   */
  public static Map<String, String> onPostgres(
      Path outputDir, int httpPort, int smppPort, String instanceId, String dbUrl, String dbUser)
      throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("WLP_OUTPUT_DIR", Files.createDirectories(outputDir).toString());
    env.put("HTTP_PORT", Integer.toString(httpPort));
    env.put("HTTPS_PORT", Integer.toString(freePort()));
    env.put("SMPP_PORT", Integer.toString(smppPort));
    env.put("INBOX_INSTANCE_ID", instanceId);
    env.put("DB_URL", dbUrl);
    env.put("DB_USER", dbUser);
    env.put("DB_DATASOURCE", "org.postgresql.ds.PGSimpleDataSource");
    return env;
  }

  /** A port free at the moment of asking. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Starts the server and answers the pid of its JVM. */
  public long start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the server runs already (pid " + jvm.pid() + ")");
    }
    ProcessBuilder builder =
        new ProcessBuilder(wlp.resolve("bin/server").toString(), "run", server);
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    try {
      Files.createDirectories(console.getParent());
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + wlp.resolve("bin/server"), e);
    }
    ProcessHandle launched = process.toHandle();
    // `server run` execs java in its own process; should a launcher ever stay in between, the
    // JVM is its descendant. Either way the pid killed is the JVM's, not a script's.
    jvm =
        await("the JVM of server " + server)
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> javaOf(launched), Optional::isPresent)
            .orElseThrow();
    // A test JVM that dies (a build stopped with Ctrl-C) must not leave the server running.
    ProcessHandle started = jvm;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    return jvm.pid();
  }

  /**
   * Waits until /health/ready answers UP (started, migrated, its database reached) and the link's
   * own check says bound to the SMSC.
   */
  public void awaitReady(Duration atMost) {
    await("server " + server + " is ready (" + base + "/health/ready)")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "server "
                        + server
                        + " exited with "
                        + process.exitValue()
                        + "; see "
                        + console);
              }
              return ready();
            });
  }

  /** kill -9 of the server's JVM; returns once the process is gone. */
  void killNine() {
    jvm.destroyForcibly();
    await("pid " + jvm.pid() + " is gone")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !jvm.isAlive() && !process.isAlive());
  }

  public String base() {
    return base;
  }

  /** Stops it as an operator would (SIGTERM: Liberty's orderly stop); kills it if that hangs. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    jvm.destroy();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> !jvm.isAlive());
    } finally {
      jvm.destroyForcibly();
      process.destroyForcibly();
    }
  }

  private boolean ready() {
    try {
      HttpResponse<Void> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (answer.statusCode() != 200) {
        return false;
      }
      HttpResponse<String> live =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/health/live"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return InboxClient.linkBound(live.body());
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Optional<ProcessHandle> javaOf(ProcessHandle launched) {
    if (isJava(launched)) {
      return Optional.of(launched);
    }
    return launched.descendants().filter(LibertyProcess::isJava).findFirst();
  }

  private static boolean isJava(ProcessHandle handle) {
    return handle.isAlive()
        && handle.info().command().map(c -> c.endsWith("/java") || c.equals("java")).orElse(false);
  }
}
