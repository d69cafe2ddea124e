package dev.smsinbox.adapter.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The API's OpenAPI document for those who may call it (admins and the host CRM's service user).
 * Liberty's own {@code /openapi} has no sign-in, so outside the demo run it leaves the inbox out
 * (server.xml); the document here is made from the same annotations at build time (the
 * smallrye-open-api Maven plugin) and travels inside the WAR.
 */
@Path("/openapi")
@RequestScoped
@RolesAllowed({"admin", "crm-service"})
public class ApiDescriptionResource {

  private static final String JSON = "META-INF/api/openapi.json";
  private static final String YAML = "META-INF/api/openapi.yaml";

  // JSON unless the caller asks for YAML: qs ranks the two for a caller that accepts anything.
  @GET
  @Produces("application/json;qs=1")
  @Operation(summary = "This API's OpenAPI document (JSON)")
  public Response json() {
    return document(JSON, "application/json");
  }

  @GET
  @Produces({"application/yaml;qs=0.5", "text/yaml;qs=0.5"})
  @Operation(summary = "This API's OpenAPI document (YAML)")
  public Response yaml() {
    return document(YAML, "application/yaml");
  }

  private static Response document(String resource, String type) {
    InputStream in = ApiDescriptionResource.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      // A build without the plugin's step (an IDE's): say so rather than answer an empty 200.
      throw new NotFoundException("This build carries no API description (" + resource + ")");
    }
    try (in) {
      return Response.ok(in.readAllBytes(), type).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
