package dev.smsinbox.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
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

  /**
   * CPU nanoseconds PostgreSQL's processes have used so far (utime + stime of every process named
   * postgres, or only the children of {@code -Dbench.pg.postmaster=<pid>} when several clusters or
   * other tests share the machine), or -1 off Linux. Backends that have exited are not counted:
   * measure while the pool keeps its connections.
   */
  static long databaseNanos() {
    String postmaster = System.getProperty("bench.pg.postmaster", "");
    long ticks = 0;
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : processes) {
        try {
          String stat = Files.readString(process.resolve("stat"));
          // comm is in parentheses and may hold spaces: the fields after it are counted from ")".
          int close = stat.lastIndexOf(')');
          String comm = stat.substring(stat.indexOf('(') + 1, close);
          String[] f = stat.substring(close + 2).split(" ");
          if (comm.equals("postgres") && (postmaster.isEmpty() || f[1].equals(postmaster))) {
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
          }
        } catch (IOException | RuntimeException gone) {
          // The process ended while we looked.
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return (long) (ticks * TICK_NANOS);
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
