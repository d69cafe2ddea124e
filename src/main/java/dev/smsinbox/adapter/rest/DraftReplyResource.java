package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.assistant.DraftReply;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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

  @POST
  public DraftView draft(@PathParam("id") String id) {
    DraftReply.Draft draft = drafts.draft(caller.get(), InboxResource.parseId(id));
    return new DraftView(
        draft.text(),
        draft.measure().characters(),
        draft.measure().segments(),
        draft.measure().encoding().name());
  }
}
