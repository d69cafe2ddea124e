package dev.smsinbox.adapter.rest;

import dev.smsinbox.support.Throttle;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Drafts per admin (AI_DRAFT_REPLY_LIMIT per AI_DRAFT_REPLY_WINDOW): each draft runs the model, so
 * one admin's script must not take the server's cores from the others. Every try counts.
 */
@ApplicationScoped
public class DraftLimit {

  private final Throttle throttle;

  public DraftLimit() {
    Config config = ConfigProvider.getConfig(DraftLimit.class.getClassLoader());
    int limit =
        config
            .getOptionalValue("ai.draft-reply.limit", Integer.class)
            .or(() -> config.getOptionalValue("AI_DRAFT_REPLY_LIMIT", Integer.class))
            .orElse(30);
    Duration window =
        config
            .getOptionalValue("ai.draft-reply.window", String.class)
            .or(() -> config.getOptionalValue("AI_DRAFT_REPLY_WINDOW", String.class))
            .map(Duration::parse)
            .orElse(Duration.ofMinutes(1));
    throttle = new Throttle(limit, window, Clock.systemUTC());
  }

  /** How long the admin must wait, or empty when this draft may run (and is counted). */
  Optional<Duration> tryDraft(String accountId, String adminId) {
    return throttle.tryCount(accountId + "/" + adminId);
  }
}
