package dev.smsinbox.adapter.rest;

import dev.smsinbox.application.Credits;
import dev.smsinbox.application.Credits.Statement;
import dev.smsinbox.application.port.RequestRefused;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The credit balance and its ledger (F6). */
@Path("/credits")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CreditsResource {

  public record TopUp(Long amount, String reason) {}

  @Inject Credits credits;

  @GET
  @RolesAllowed("admin")
  public Statement statement() {
    return credits.statement(50);
  }

  @POST
  @Path("/top-ups")
  @RolesAllowed({"admin", "crm-service"})
  @Consumes(MediaType.APPLICATION_JSON)
  public Response topUp(TopUp body) {
    if (body == null || body.amount() == null) {
      throw RequestRefused.invalid("Send {amount, reason}: amount is a whole number of credits.");
    }
    return Response.status(Response.Status.CREATED)
        .entity(credits.topUp(body.amount(), body.reason()))
        .build();
  }
}
