package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.assistant.DraftReply;
import dev.smsinbox.support.Throttle;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;

/** The "Draft reply" button (F12): an editable text; nothing is sent. */
@Path("/inbox/conversations/{id}/draft-reply")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class DraftReplyResource {

  /** The draft with the composer's numbers for it. */
  public record DraftView(String text, int characters, int segments, String encoding) {}

  @Inject DraftReply drafts;
  @Inject CurrentCaller caller;
  @Inject DraftLimit limit;

  @POST
  public DraftView draft(@PathParam("id") String id) {
    Optional<Duration> wait = limit.tryDraft(caller.get().accountId(), caller.get().id());
    if (wait.isPresent()) {
      long seconds = Throttle.retryAfterSeconds(wait.get());
      throw new WebApplicationException(
          Response.status(429)
              .header("Retry-After", Long.toString(seconds))
              .type("application/problem+json")
              .entity(
                  Json.createObjectBuilder()
                      .add("type", "about:blank")
                      .add("title", "Too Many Requests")
                      .add("status", 429)
                      .add(
                          "detail",
                          "You asked for more drafts than the inbox makes per admin in a while"
                              + " (AI_DRAFT_REPLY_LIMIT); try again in "
                              + seconds
                              + " seconds.")
                      .build()
                      .toString())
              .build());
    }
    DraftReply.Draft draft = drafts.draft(caller.get(), InboxResource.parseId(id));
    return new DraftView(
        draft.text(),
        draft.measure().characters(),
        draft.measure().segments(),
        draft.measure().encoding().name());
  }
}
