package dev.smsinbox.bench;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import com.sun.tools.attach.VirtualMachine;
import dev.smsinbox.it.InboxClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The server JVM's heap, read from outside it: the heap in use as an operator's monitoring reads it
 * (MicroProfile Metrics' {@code memory.usedHeap} at /metrics, Liberty's {@code monitor} user), and
 * — what a slow leak shows in — the heap left after its collector's last collection, over the JVM's
 * own management beans (the JDK's attach API starts its local JMX agent; nothing to add to the
 * server). The heap in use alone goes up and down with every young collection.
 */
final class ServerHeap implements AutoCloseable {

  private static final Pattern USED_HEAP =
      Pattern.compile("^memory_usedHeap_bytes\\{[^}]*}\\s+(\\S+)", Pattern.MULTILINE);
  private static final double MB = 1024.0 * 1024.0;

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final HttpClient https =
      HttpClient.newBuilder().sslContext(InboxClient.trustingTheTestServersCertificate()).build();
  private String metrics;
  private final String monitor;
  private final JMXConnector jmx;
  private final MBeanServerConnection beans;
  private final Set<String> heapPools;

  /**
   * @param base the server's http://host:port
   * @param monitorPassword the MONITOR_PASSWORD it was started with
   * @param pid its JVM's
   */
  ServerHeap(String base, String monitorPassword, long pid) throws Exception {
    this.metrics = base + "/metrics?scope=base";
    this.monitor =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("monitor:" + monitorPassword).getBytes(StandardCharsets.UTF_8));
    VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
    String address;
    try {
      address = vm.startLocalManagementAgent();
    } finally {
      vm.detach();
    }
    this.jmx = JMXConnectorFactory.connect(new JMXServiceURL(address));
    this.beans = jmx.getMBeanServerConnection();
    this.heapPools =
        ManagementFactory.getPlatformMXBeans(beans, MemoryPoolMXBean.class).stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
  }

  /** Megabytes of heap in use, from /metrics; NaN when it does not answer. */
  double usedMegabytes() {
    try {
      HttpResponse<String> answer = metrics(metrics);
      if (answer.statusCode() / 100 == 3 && answer.headers().firstValue("Location").isPresent()) {
        // /metrics with sign-in is served over HTTPS only: Liberty redirects there. The server's
        // certificate is its own (self-signed, for localhost), this a benchmark on loopback.
        URI there = URI.create(answer.headers().firstValue("Location").get());
        metrics =
            new URI(
                    "https",
                    null,
                    "localhost",
                    there.getPort(),
                    there.getPath(),
                    there.getQuery(),
                    null)
                .toString();
        answer = metrics(metrics);
      }
      Matcher m = USED_HEAP.matcher(answer.body());
      return answer.statusCode() == 200 && m.find()
          ? Double.parseDouble(m.group(1)) / MB
          : Double.NaN;
    } catch (IOException | java.net.URISyntaxException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  private HttpResponse<String> metrics(String url) throws IOException, InterruptedException {
    return (url.startsWith("https:") ? https : http)
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", monitor)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** A client that takes the test server's self-signed certificate, for loopback only. */
  /** Megabytes of heap left by the server's latest collection (young or not); NaN before any. */
  double afterLastCollectionMegabytes() throws IOException {
    GcInfo latest = null;
    for (GarbageCollectorMXBean gc :
        ManagementFactory.getPlatformMXBeans(beans, GarbageCollectorMXBean.class)) {
      GcInfo info = gc.getLastGcInfo();
      if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
        latest = info;
      }
    }
    if (latest == null) {
      return Double.NaN;
    }
    long bytes = 0;
    for (var pool : latest.getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        bytes += pool.getValue().getUsed();
      }
    }
    return bytes / MB;
  }

  /**
   * Megabytes of heap still in use after a full collection asked of the server (System.gc()): what
   * it holds on to, the figure to compare between the start and the end of a run.
   */
  double liveMegabytes() throws IOException {
    MemoryMXBean memory =
        ManagementFactory.newPlatformMXBeanProxy(
            beans, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
    memory.gc();
    MemoryUsage heap = memory.getHeapMemoryUsage();
    return heap.getUsed() / MB;
  }

  @Override
  public void close() throws IOException {
    jmx.close();
  }
}
