package dev.smsinbox.application;

import dev.smsinbox.domain.Actor;
import dev.smsinbox.domain.crm.Plan;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: a person or the CRM itself, signed in by the host CRM's token or, in the demo
 * run, as a demo user. {@code id} is the token's {@code sub} (a demo user's name); {@code
 * accountId} is the CRM account (the tenant) every change belongs to; {@code plan}, when the token
 * names one, wins over the configured plan. Use cases take it as a plain value: the web layer
 * establishes it once a request.
 */
public record Caller(
    String id,
    String name,
    String email,
    String accountId,
    Set<String> roles,
    Optional<Plan> plan) {

  /** The inbox's administrators: the screens and /api/inbox, /api/contacts, /api/settings. */
  public static final String ADMIN = "admin";

  /** The host CRM's own calls: /api/sms. */
  public static final String CRM_SERVICE = "crm-service";

  public Caller {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    name = name == null || name.isBlank() ? id : name;
    roles = Set.copyOf(roles);
    plan = plan == null ? Optional.empty() : plan;
  }

  /** The caller as changes record them: a reply's {@code sentBy}, an audit entry's actor. */
  public Actor actor() {
    return new Actor(id, name);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
