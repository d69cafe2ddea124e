package dev.smsinbox.runtime.simulator;

import dev.smsinbox.adapter.rest.Problem;
import dev.smsinbox.runtime.demo.DemoData;
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
import java.time.Instant;
import java.util.List;

/**
 * The demo's customer phone: text the inbox through the built-in SMSC simulator and see what the
 * inbox sent back. Answers 404 when the simulator is off (every run but the demo).
 */
@Path("/simulator")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorResource {

  public record CustomerText(String from, String to, String text) {}

  public record SubmitView(
      String messageId,
      String from,
      String to,
      String text,
      int parts,
      Instant at,
      String receipt) {}

  @POST
  @Path("/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response deliver(CustomerText body) {
    SmscSimulator simulator = simulator();
    if (simulator == null) {
      return off();
    }
    if (body == null || body.text() == null || body.text().isEmpty()) {
      return Problem.response(Response.Status.BAD_REQUEST, "Write a text to send as the customer.");
    }
    String from = body.from() == null || body.from().isBlank() ? "+14155550101" : body.from();
    String to = body.to() == null || body.to().isBlank() ? DemoData.DEMO_NUMBER : body.to();
    try {
      int status = simulator.deliver(from, to, body.text());
      if (status != 0) {
        return Problem.response(
            502,
            "Refused by the inbox",
            "The inbox answered the deliver_sm with status 0x" + Integer.toHexString(status));
      }
      return Response.accepted().build();
    } catch (IllegalStateException e) {
      return Problem.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }
  }

  @GET
  @Path("/submits")
  public Response submits() {
    SmscSimulator simulator = simulator();
    if (simulator == null) {
      return off();
    }
    List<SubmitView> views =
        simulator.submissions().stream()
            .map(
                s ->
                    new SubmitView(
                        String.join(",", s.messageIds()),
                        s.from(),
                        s.to(),
                        s.text(),
                        s.parts(),
                        s.at(),
                        s.receipt()))
            .toList();
    return Response.ok(views).build();
  }

  @Inject BuiltInSmsc builtIn;

  private SmscSimulator simulator() {
    return builtIn.get().orElse(null);
  }

  private static Response off() {
    return Problem.response(
        Response.Status.NOT_FOUND,
        "The built-in SMSC simulator is off; start the demo run (./mvnw liberty:run) or set"
            + " SMPP_SIMULATOR_ENABLED=true.");
  }
}
