package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.SignIn;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The host CRM's origins, where the screens post their messages. Open to anyone: the screens need
 * them also once the session has ended (to say so), and they are no secret — every answer's
 * Content-Security-Policy (frame-ancestors) lists them too.
 */
@Path("/host-origins")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class HostOriginsResource {

  public record HostOrigins(List<String> hostOrigins) {}

  @Inject SignIn signIn;

  @GET
  public HostOrigins hostOrigins() {
    return new HostOrigins(signIn.hostOrigins());
  }
}
