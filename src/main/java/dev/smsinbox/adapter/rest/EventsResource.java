package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * Live inbox events (F1) as Server-Sent Events; Last-Event-ID replays what a client missed. The
 * stream ends when the caller's session or token does: it was opened with them, and would otherwise
 * go on for as long as the connection lasts.
 */
@Path("/inbox/events")
@RequestScoped
@RolesAllowed("admin")
public class EventsResource {

  @Inject LiveEventHub hub;
  @Inject CurrentCaller caller;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void events(
      @Context SseEventSink sink,
      @Context Sse sse,
      @HeaderParam("Last-Event-ID") String lastEventId) {
    Long from = null;
    if (lastEventId != null && !lastEventId.isBlank()) {
      try {
        from = Long.parseLong(lastEventId.strip());
      } catch (NumberFormatException e) {
        from = null; // an id we never gave out: start from now
      }
    }
    hub.subscribe(sink, sse, from, caller.signedInUntil().orElse(null));
  }
}
