package dev.smsinbox.adapter.integrations;

import dev.smsinbox.application.port.IntegratorRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Names the integrators' route files that did not load. Always UP: a broken integration must not
 * take the inbox out of service (readiness) or get it restarted (liveness); the data says what is
 * broken, as do the log, /api/integrations and the integrator_route_files_broken gauge.
 */
@Liveness
@ApplicationScoped
public class IntegratorRoutesHealth implements HealthCheck {

  @Inject IntegratorRoutes files;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("integrator-routes").up();
    response.withData("loaded", files.files().size() - files.brokenCount());
    response.withData("broken", files.brokenCount());
    String broken =
        files.files().stream()
            .filter(IntegratorRoutes.RouteFile::broken)
            .map(f -> f.name() + (f.line() == null ? "" : ":" + f.line()))
            .collect(Collectors.joining(", "));
    if (!broken.isEmpty()) {
      response.withData("brokenFiles", broken);
    }
    return response.build();
  }
}
