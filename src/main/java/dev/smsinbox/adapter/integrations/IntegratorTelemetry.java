package dev.smsinbox.adapter.integrations;

/** What the integrators' deliveries count (the runtime counts them as metrics). */
public interface IntegratorTelemetry {

  void delivered(String routeId, String event);

  void attemptFailed(String routeId, String event);

  void deadLettered(String routeId, String event);

  /** An outbound hook failed or was too slow (the send went ahead). */
  default void outboundHookFailed(String routeId) {}

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
