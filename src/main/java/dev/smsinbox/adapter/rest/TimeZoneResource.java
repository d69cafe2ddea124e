package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.reports.Reports;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The account's time zone, whose local days its reports count in: {timeZone: "Europe/Rome"}. */
@Path("/settings/time-zone")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TimeZoneResource {

  public record TimeZoneView(String timeZone) {}

  @Inject Reports reports;
  @Inject CurrentCaller caller;

  @GET
  @RolesAllowed({"admin", "crm-service"})
  public TimeZoneView get() {
    return new TimeZoneView(reports.zone(caller.get()).getId());
  }

  @PUT
  @RolesAllowed("admin")
  @Consumes(MediaType.APPLICATION_JSON)
  public TimeZoneView put(TimeZoneView body) {
    return new TimeZoneView(
        reports.saveZone(caller.get(), body == null ? null : body.timeZone()).getId());
  }
}
