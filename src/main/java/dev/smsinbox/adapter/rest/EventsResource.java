package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.port.InboxEventLog.Position;
import dev.smsinbox.application.port.RequestRefused;
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
 * Live inbox events (F1) as Server-Sent Events; Last-Event-ID replays what a client missed. Each
 * event's id is its position in the event log ({@link Position#text()}: {@code 41}, or {@code
 * 812345-41} on PostgreSQL), so the replay goes on in the log's order from exactly there. The
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
    Position from = null;
    if (lastEventId != null && !lastEventId.isBlank()) {
      try {
        from = Position.parse(lastEventId);
      } catch (IllegalArgumentException e) {
        // Never one we gave out (a browser sends back only those): say so rather than guess. The
        // screens' own retry then connects afresh, without it.
        throw RequestRefused.invalid("Last-Event-ID " + e.getMessage() + ".");
      }
    }
    hub.subscribe(sink, sse, from, caller.signedInUntil().orElse(null), caller.get().accountId());
  }
}
