package dev.smsinbox.adapter.rest.signin;

import dev.smsinbox.application.Caller;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;

/**
 * Hands the caller the sign-in filter established to JAX-RS, before authorization runs: Liberty's
 * {@code @RolesAllowed} check (priority AUTHORIZATION + 1) asks this SecurityContext, not the
 * server's user registry, so a token's groups decide as a demo user's roles do.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class CallerSecurityContext implements ContainerRequestFilter {

  @Context HttpServletRequest request;

  @Override
  public void filter(ContainerRequestContext context) {
    if (!(request.getAttribute(SignInFilter.CALLER) instanceof Caller caller)) {
      return;
    }
    boolean secure = context.getSecurityContext().isSecure();
    String scheme = request.getAuthType();
    Principal principal = caller::id;
    context.setSecurityContext(
        new SecurityContext() {
          @Override
          public Principal getUserPrincipal() {
            return principal;
          }

          @Override
          public boolean isUserInRole(String role) {
            return caller.hasRole(role);
          }

          @Override
          public boolean isSecure() {
            return secure;
          }

          @Override
          public String getAuthenticationScheme() {
            return scheme;
          }
        });
  }
}
