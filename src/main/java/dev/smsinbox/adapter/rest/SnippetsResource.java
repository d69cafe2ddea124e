package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.ManageSnippets;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.Snippet;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * The account's saved replies (CONTRACT: GET/POST /api/snippets, PUT/DELETE /api/snippets/{id}).
 */
@Path("/snippets")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class SnippetsResource {

  /** A saved reply as written: a name and a text that may hold merge fields. */
  public record SnippetBody(String name, String text) {}

  @Inject ManageSnippets snippets;
  @Inject CurrentCaller caller;

  @GET
  public List<Snippet> all() {
    return snippets.all(caller.get());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(SnippetBody body) {
    Snippet saved =
        snippets.create(
            caller.get(), body == null ? null : body.name(), body == null ? null : body.text());
    return Response.created(URI.create("snippets/" + saved.id())).entity(saved).build();
  }

  @GET
  @Path("/{id}")
  public Snippet one(@PathParam("id") String id) {
    return snippets.find(caller.get(), parseId(id));
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Snippet update(@PathParam("id") String id, SnippetBody body) {
    return snippets.update(
        caller.get(),
        parseId(id),
        body == null ? null : body.name(),
        body == null ? null : body.text());
  }

  @DELETE
  @Path("/{id}")
  public Response delete(@PathParam("id") String id) {
    snippets.delete(caller.get(), parseId(id));
    return Response.noContent().build();
  }

  private static long parseId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw RequestRefused.notFound("There is no saved reply '" + id + "'.");
    }
  }
}
