package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.outbound.QuietHoursPolicy;
import dev.smsinbox.domain.QuietHours;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The account's quiet hours (issue 21): {enabled, start: "21:00", end: "08:00"}. */
@Path("/settings/quiet-hours")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class QuietHoursResource {

  /** As the API reads and writes them: local times HH:mm of the customer. */
  public record QuietHoursView(Boolean enabled, String start, String end) {
    static QuietHoursView of(QuietHours h) {
      return new QuietHoursView(h.enabled(), h.start().toString(), h.end().toString());
    }
  }

  @Inject QuietHoursPolicy quietHours;
  @Inject CurrentCaller caller;

  @GET
  public QuietHoursView get() {
    return QuietHoursView.of(quietHours.settings(caller.get()));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public QuietHoursView put(QuietHoursView body) {
    return QuietHoursView.of(
        quietHours.save(
            caller.get(),
            body == null ? null : body.enabled(),
            body == null ? null : body.start(),
            body == null ? null : body.end()));
  }
}
