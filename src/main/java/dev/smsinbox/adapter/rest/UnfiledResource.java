package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.inbound.InboundReview;
import dev.smsinbox.application.port.RequestRefused;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Acknowledged SMS the filer could not file yet, with why (latest first), and trying one again at
 * once. The filer tries them again by itself, with growing pauses.
 */
@Path("/inbox/unfiled")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class UnfiledResource {

  @Inject InboundReview review;
  @Inject CurrentCaller caller;

  @GET
  public InboundReview.UnfiledPage list(
      @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    caller.operator();
    return review.unfiled(InboxResource.parseLimit(limit), cursor);
  }

  /** 200 with {@code filed: true}, or {@code filed: false} with the new error and next attempt. */
  @POST
  @Path("/{id}/retry")
  public InboundReview.Retried retry(@PathParam("id") String id) {
    caller.operator();
    try {
      return review.retry(Long.parseLong(id));
    } catch (NumberFormatException e) {
      throw RequestRefused.notFound("There is no unfiled SMS '" + id + "'.");
    }
  }
}
