package dev.smsinbox.bench;

/** Placeholder until the inbox query benchmark lands: says so instead of pretending. */
final class InboxBenchmark {
  private InboxBenchmark() {}

  static void run() {
    throw new UnsupportedOperationException("The inbox query benchmark is not written yet");
  }
}
