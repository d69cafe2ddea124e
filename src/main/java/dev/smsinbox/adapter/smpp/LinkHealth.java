package dev.smsinbox.adapter.smpp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The SMPP link's own check, {@code smpp-link} in /health and /health/live: {@code bound} true or
 * false and the link's state. Always UP: a bind that is down for a moment must neither take the
 * instance out of a load balancer (readiness is this instance's HTTP and database, issue 19; the
 * other instances' binds carry the SMS meanwhile, and this one's outbox waits) nor get it restarted
 * (liveness); the supervisor rebinds. Alert on {@code bound} false for minutes, or on the
 * smpp_link_bound gauge. Anyone may read health, so it never says where the carrier's SMSC is (the
 * log does).
 */
@Liveness
@ApplicationScoped
public class LinkHealth implements HealthCheck {

  @Inject SmppLinkState link;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("smpp-link")
        .up()
        .withData("bound", link.isBound())
        .withData("state", link.describe())
        .build();
  }
}
