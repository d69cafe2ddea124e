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
   * CPU nanoseconds PostgreSQL's processes have used so far, or -1 off Linux: with {@code
   * -Dbench.pg.postmaster=<pid>}, that cluster's postmaster with its children, those that ended
   * included (their time is added to the postmaster's when it reaps them); without, every live
   * process named postgres, whichever cluster (a backend that ends during a pass takes its time
   * with it).
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
          boolean isPostmaster = process.getFileName().toString().equals(postmaster);
          if (!comm.equals("postgres")
              || !(postmaster.isEmpty() || isPostmaster || f[1].equals(postmaster))) {
            continue;
          }
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
          if (isPostmaster) {
            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]); // cutime, cstime
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
