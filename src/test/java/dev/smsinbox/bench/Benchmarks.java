package dev.smsinbox.bench;

/**
 * The benchmark commands (README, "Performance"): {@code link} measures the carrier link; {@code
 * cluster} one and two server instances; {@code live} deliver_sm to the admin's live event and
 * {@code soak} a long steady run, both through the packaged server; {@code inbox-data} then {@code
 * inbox-queries} the inbox at scale. They print figures; they are not tests.
 */
public final class Benchmarks {

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    String which = args.length == 0 ? "link" : args[0];
    switch (which) {
      case "link" -> LinkBenchmark.run();
      case "cluster" -> ClusterBenchmark.run();
      case "live" -> LiveBenchmark.run();
      case "soak" -> SoakBenchmark.run();
      case "inbox-data", "inbox-queries", "report-queries" -> InboxBenchmark.run(which);
      case "search-data", "search-queries" -> MessageSearchBenchmark.run(which);
      default ->
          throw new IllegalArgumentException(
              "Unknown benchmark '"
                  + which
                  + "': link, cluster, live, soak, inbox-data, inbox-queries, report-queries,"
                  + " search-data, search-queries");
    }
    System.exit(0);
  }
}
