package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.adapter.rest.signin.SignIn;
import dev.smsinbox.application.Caller;
import dev.smsinbox.application.TeamInbox;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * Who is signed in, for the screens' header, and what the screens need to talk to the host CRM:
 * when the session ends and which origins to post their messages to. Any signed-in caller may ask
 * (the sign-in filter has already refused everyone else).
 */
@Path("/me")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  /**
   * @param sessionExpiresAt when the screens' session ends (null when signed in otherwise)
   * @param hostOrigins the host CRM's origins, where the screens post their messages
   * @param csrfToken for a session caller: the X-CSRF-Token value that lets a state-changing
   *     request through when the browser sends no Origin (null when signed in otherwise)
   */
  public record Me(
      String id,
      String name,
      String email,
      String accountId,
      List<String> roles,
      String plan,
      Instant sessionExpiresAt,
      List<String> hostOrigins,
      String csrfToken) {}

  @Inject CurrentCaller current;
  @Inject SignIn signIn;
  @Inject HttpServletRequest request;
  @Inject TeamInbox team;

  @GET
  public Me me() {
    Caller caller = current.get();
    // Signing in makes an admin one the team can assign conversations to.
    team.seen(caller);
    return new Me(
        caller.id(),
        caller.name(),
        caller.email(),
        caller.accountId(),
        caller.roles().stream().sorted().toList(),
        caller.plan().map(Enum::name).orElse(null),
        current.sessionExpires().orElse(null),
        signIn.hostOrigins(),
        current.sessionExpires().isPresent()
            ? signIn.sessions().csrfToken(request).orElse(null)
            : null);
  }
}
