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
import java.util.List;

/**
 * The account's working hours, over which its reports time first responses (issue 25): {shifts:
 * [{day: "MONDAY", from: "09:00", to: "18:00"}, …], timeZone} — local times of the account's time
 * zone (given back, read-only); no shifts: every second counts.
 */
@Path("/settings/working-hours")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WorkingHoursResource {

  public record WorkingHoursView(List<Reports.Shift> shifts, String timeZone) {}

  @Inject Reports reports;
  @Inject CurrentCaller caller;

  @GET
  @RolesAllowed({"admin", "crm-service"})
  public WorkingHoursView get() {
    return new WorkingHoursView(
        reports.workingHours(caller.get()), reports.zone(caller.get()).getId());
  }

  @PUT
  @RolesAllowed("admin")
  @Consumes(MediaType.APPLICATION_JSON)
  public WorkingHoursView put(WorkingHoursView body) {
    return new WorkingHoursView(
        reports.saveWorkingHours(caller.get(), body == null ? null : body.shifts()),
        reports.zone(caller.get()).getId());
  }
}
