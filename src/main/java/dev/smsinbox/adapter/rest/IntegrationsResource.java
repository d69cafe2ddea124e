package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.port.IntegratorDeliveries;
import dev.smsinbox.application.port.IntegratorDeliveries.DeadLetter;
import dev.smsinbox.application.port.IntegratorDeliveries.HookAnswer;
import dev.smsinbox.application.port.IntegratorRoutes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * What an operator needs to see of the integrators' routes: which route files loaded and which did
 * not (with the error and line), the events routes finally refused (dead letters), and what inbound
 * hooks answered about a message.
 */
@Path("/integrations")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationsResource {

  public record RouteFileView(
      String name, boolean loaded, List<String> routes, String error, Integer line) {}

  public record Overview(String folder, List<RouteFileView> files) {}

  @Inject IntegratorRoutes files;
  @Inject IntegratorDeliveries deliveries;
  @Inject CurrentCaller caller;

  @GET
  public Overview overview() {
    caller.operator();
    return new Overview(
        files.folder() == null ? null : files.folder().toString(),
        files.files().stream()
            .map(f -> new RouteFileView(f.name(), !f.broken(), f.routeIds(), f.error(), f.line()))
            .toList());
  }

  @GET
  @Path("/dead-letters")
  public List<DeadLetter> deadLetters(
      @QueryParam("route") String route, @QueryParam("limit") Integer limit) {
    caller.operator();
    int max = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
    return deliveries.deadLetters(route, max);
  }

  @GET
  @Path("/hook-answers/{messageId}")
  public List<HookAnswer> hookAnswers(@PathParam("messageId") long messageId) {
    caller.operator();
    return deliveries.hookAnswers(messageId);
  }
}
