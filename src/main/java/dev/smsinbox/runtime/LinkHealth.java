package dev.smsinbox.runtime;

import dev.smsinbox.adapter.smpp.SmppLinkState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the SMPP link is bound: without it no SMS comes in or goes out. */
@Readiness
@ApplicationScoped
public class LinkHealth implements HealthCheck {

  @Inject SmppLinkState link;
  @Inject InboxConfig config;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("smpp-link")
        .status(link.isBound())
        .withData("state", link.describe())
        .withData(
            "smsc", config.get("smpp.host", "127.0.0.1") + ":" + config.get("smpp.port", "2775"))
        .build();
  }
}
