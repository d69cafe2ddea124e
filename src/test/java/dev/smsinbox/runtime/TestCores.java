package dev.smsinbox.runtime;

import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.port.InboxTelemetry;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The {@link InboxCore} most tests of the core build on a database: no integrators' hooks, no
 * telemetry, nobody listening to its events or waking its outbox.
 */
public final class TestCores {

  private TestCores() {}

  public static InboxCore plain(DataSource pool, InboxCore.Settings settings, Clock clock) {
    return new InboxCore(
        pool,
        settings,
        MessageHooks.none(),
        InboxTelemetry.NONE,
        JsonbBuilder.create(),
        clock,
        (type, body) -> {},
        () -> {});
  }
}
