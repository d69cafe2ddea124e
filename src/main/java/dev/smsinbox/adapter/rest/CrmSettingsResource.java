package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.contacts.ManageCrmSettings;
import dev.smsinbox.application.port.RequestRefused;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The account's CRM connector settings (CONTRACT "CRM connectors"): {@code {connector, settings:
 * {key: value}}}. Secrets (an API token) are accepted and never returned: the answer names them in
 * {@code secretsSet}.
 */
@Path("/settings/crm")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class CrmSettingsResource {

  public record Change(String connector, Map<String, String> settings) {}

  @Inject ManageCrmSettings crm;
  @Inject CurrentCaller caller;

  @GET
  public ManageCrmSettings.View current() {
    return crm.current(caller.get());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public ManageCrmSettings.View save(Change change) {
    if (change == null) {
      throw RequestRefused.invalid(
          "Send {\"connector\": \"activecampaign\", \"settings\": {\"url\": …, \"api-token\": …}}.");
    }
    return crm.save(caller.get(), change.connector(), change.settings());
  }
}
