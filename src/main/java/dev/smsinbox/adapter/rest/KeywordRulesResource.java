package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.keywords.ManageKeywordRules;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.KeywordRule;
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
 * The account's keyword rules (issue 20, an extension of CONTRACT: GET/POST /api/keyword-rules,
 * GET/PUT/DELETE /api/keyword-rules/{id}): a keyword that enrols the customer in an automation.
 */
@Path("/keyword-rules")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class KeywordRulesResource {

  /** A rule as written; numberId and reply may be left out. */
  public record RuleBody(String keyword, Long automationId, Long numberId, String reply) {}

  @Inject ManageKeywordRules rules;
  @Inject CurrentCaller caller;

  @GET
  public List<KeywordRule> all() {
    return rules.all(caller.get());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(RuleBody body) {
    KeywordRule saved = rules.create(caller.get(), written(body));
    return Response.created(URI.create("keyword-rules/" + saved.id())).entity(saved).build();
  }

  @GET
  @Path("/{id}")
  public KeywordRule one(@PathParam("id") String id) {
    return rules.find(caller.get(), parseId(id));
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public KeywordRule update(@PathParam("id") String id, RuleBody body) {
    return rules.update(caller.get(), parseId(id), written(body));
  }

  @DELETE
  @Path("/{id}")
  public Response delete(@PathParam("id") String id) {
    rules.delete(caller.get(), parseId(id));
    return Response.noContent().build();
  }

  private static ManageKeywordRules.Written written(RuleBody body) {
    return body == null
        ? null
        : new ManageKeywordRules.Written(
            body.keyword(), body.automationId(), body.numberId(), body.reply());
  }

  private static long parseId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw RequestRefused.notFound("There is no keyword rule '" + id + "'.");
    }
  }
}
