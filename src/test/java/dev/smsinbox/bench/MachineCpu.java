package dev.smsinbox.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's busy CPU time, all processes and cores together (Linux /proc/stat), so a phase can
 * be priced in CPU per message: a figure the shared machine's noise moves far less than a rate.
 */
final class MachineCpu {

  private static final Path STAT = Path.of("/proc/stat");
  private static final double TICK_NANOS = 1e9 / 100; // USER_HZ is 100 on Linux

  private MachineCpu() {}

  /** CPU nanoseconds this JVM has used so far (the SMSC, the inbox and H2; not PostgreSQL). */
  static long jvmNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Busy nanoseconds so far (user, nice, system, irq, softirq, steal), or -1 off Linux. */
  static long busyNanos() {
    try {
      String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      return (long) (busy * TICK_NANOS);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
