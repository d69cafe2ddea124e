package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.ManageNumbers;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.SenderNumber;
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
import java.util.List;

/** Our sender numbers and whether each is two-way (F7). */
@Path("/numbers")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class NumbersResource {

  public record NumberBody(String number, String country, Boolean dedicated, Boolean registered) {}

  public record NumberView(
      long id,
      String number,
      String country,
      boolean dedicated,
      boolean registered,
      boolean twoWay,
      String whyNotTwoWay) {
    static NumberView of(SenderNumber n) {
      return new NumberView(
          n.id(),
          n.number(),
          n.country(),
          n.dedicated(),
          n.registered(),
          n.isTwoWay(),
          n.whyNotTwoWay());
    }
  }

  @Inject ManageNumbers numbers;
  @Inject CurrentCaller caller;

  @GET
  public List<NumberView> all() {
    return numbers.all(caller.get()).stream().map(NumberView::of).toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response save(NumberBody body) {
    if (body == null || body.number() == null) {
      throw RequestRefused.invalid("Send {number, country, dedicated, registered}.");
    }
    SenderNumber saved =
        numbers.save(
            caller.get(),
            body.number(),
            body.country(),
            Boolean.TRUE.equals(body.dedicated()),
            Boolean.TRUE.equals(body.registered()));
    return Response.status(Response.Status.CREATED).entity(NumberView.of(saved)).build();
  }
}
