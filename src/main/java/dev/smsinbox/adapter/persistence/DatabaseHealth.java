package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while this instance reaches its database: without it nothing is read, sent or filed. With
 * HTTP answering at all, that is the whole of readiness (issue 19): the carrier link is its own
 * check ({@code smpp-link}, in /health and /health/live), so a load balancer keeps sending screens
 * and API calls to an instance whose bind is down for a moment, while the other binds carry the
 * SMS. Anyone may read health: it says UP or DOWN, never where the database is.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

  private static final int TIMEOUT_SECONDS = 2;

  @Inject JdbcUnitOfWork unitOfWork;

  @Override
  public HealthCheckResponse call() {
    boolean reached;
    try {
      reached = unitOfWork.statement(connection -> connection.isValid(TIMEOUT_SECONDS));
    } catch (RuntimeException e) {
      reached = false;
    }
    return HealthCheckResponse.named("database").status(reached).build();
  }
}
