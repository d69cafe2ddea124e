package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.Audit;
import dev.smsinbox.domain.Actor;
import dev.smsinbox.domain.AuditEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** Who did what in the caller's account, newest first (CONTRACT "Who did what"). */
@Path("/audit")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

  /** One entry as the API writes it: {at, actor: {id, name}, action, contactId?, …}. */
  public record EntryView(
      Instant at, Actor actor, String action, Long contactId, Long conversationId, String detail) {
    static EntryView of(AuditEntry e) {
      return new EntryView(
          e.at(), e.actor(), e.action(), e.contactId(), e.conversationId(), e.detail());
    }
  }

  public record PageView(List<EntryView> items, String nextCursor) {}

  @Inject Audit audit;
  @Inject CurrentCaller caller;

  @GET
  public PageView page(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    Audit.Page page = audit.page(caller.get(), InboxResource.parseLimit(limit), cursor);
    return new PageView(page.items().stream().map(EntryView::of).toList(), page.nextCursor());
  }
}
