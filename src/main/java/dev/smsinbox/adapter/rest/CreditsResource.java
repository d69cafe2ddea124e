package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
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

/**
 * The account's credit balance and its ledger (F6). Credits are sold by the host CRM, so only it
 * (role crm-service) adds them.
 */
@Path("/credits")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CreditsResource {

  public record TopUp(Long amount, String reason) {}

  @Inject Credits credits;
  @Inject CurrentCaller caller;

  @GET
  @RolesAllowed({"admin", "crm-service"})
  public Statement statement() {
    return credits.statement(caller.get().accountId(), 50);
  }

  @POST
  @Path("/top-ups")
  @RolesAllowed("crm-service")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response topUp(TopUp body) {
    if (body == null || body.amount() == null) {
      throw RequestRefused.invalid("Send {amount, reason}: amount is a whole number of credits.");
    }
    return Response.status(Response.Status.CREATED)
        .entity(credits.topUp(caller.get(), body.amount(), body.reason()))
        .build();
  }
}
