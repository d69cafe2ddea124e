package dev.smsinbox.runtime;

/** What the integrators' deliveries count (see {@link InboxMetrics}). */
public interface IntegratorTelemetry {

  void delivered(String routeId, String event);

  void attemptFailed(String routeId, String event);

  void deadLettered(String routeId, String event);

  IntegratorTelemetry NONE =
      new IntegratorTelemetry() {
        @Override
        public void delivered(String routeId, String event) {}

        @Override
        public void attemptFailed(String routeId, String event) {}

        @Override
        public void deadLettered(String routeId, String event) {}
      };
}
