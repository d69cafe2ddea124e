package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.inbound.InboundReview;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * SMS to numbers of ours that take no conversation (not two-way …), newest first: kept for an admin
 * rather than acknowledged and thrown away.
 */
@Path("/inbox/unrouted")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class UnroutedResource {

  @Inject InboundReview review;
  @Inject CurrentCaller caller;

  @GET
  public InboundReview.UnroutedPage list(
      @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return review.unrouted(caller.get().accountId(), InboxResource.parseLimit(limit), cursor);
  }
}
