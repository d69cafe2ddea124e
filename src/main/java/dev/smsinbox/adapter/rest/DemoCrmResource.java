package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.DemoCrm;
import dev.smsinbox.adapter.rest.signin.SignIn;
import dev.smsinbox.application.port.RequestRefused;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * The demo CRM's back end (demo run only; 404 otherwise): its people, and a signed token for one of
 * them, as a real CRM's server would mint it for the iframe. Open to anyone, as the demo users'
 * passwords are: it exists only where nothing is real.
 */
@Path("/demo-crm")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class DemoCrmResource {

  public record TokenBody(String person) {}

  public record Token(String jwt, DemoCrm.Person person) {}

  @Inject SignIn signIn;

  @GET
  @Path("/people")
  public List<DemoCrm.Person> people() {
    demoCrm();
    return DemoCrm.PEOPLE;
  }

  @POST
  @Path("/tokens")
  @Consumes(MediaType.APPLICATION_JSON)
  public Token token(TokenBody body) {
    DemoCrm crm = demoCrm();
    if (body == null || body.person() == null) {
      throw RequestRefused.invalid("Send {person}: the id of one of GET /api/demo-crm/people.");
    }
    DemoCrm.Person person =
        crm.person(body.person())
            .orElseThrow(
                () ->
                    RequestRefused.invalid(
                        "There is no person '"
                            + body.person()
                            + "' in the demo CRM; GET /api/demo-crm/people lists them."));
    return new Token(crm.token(person), person);
  }

  /** The demo CRM's public key set, as a real CRM publishes it for AUTH_JWT_JWKS_URL. */
  @GET
  @Path("/jwks.json")
  public Map<String, Object> keys() {
    return demoCrm().publicKeys();
  }

  private DemoCrm demoCrm() {
    return signIn
        .demoCrm()
        .orElseThrow(() -> RequestRefused.notFound("The demo CRM exists only in the demo run."));
  }
}
