package dev.smsinbox.adapter.smpp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the SMPP link is bound: without it no SMS comes in or goes out. Anyone may read
 * health, so it says the link's state and never where the carrier's SMSC is (the log does).
 */
@Readiness
@ApplicationScoped
public class LinkHealth implements HealthCheck {

  @Inject SmppLinkState link;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("smpp-link")
        .status(link.isBound())
        .withData("state", link.describe())
        .build();
  }
}
