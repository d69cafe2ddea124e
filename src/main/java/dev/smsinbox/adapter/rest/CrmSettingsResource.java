package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.contacts.CrmWebhooks;
import dev.smsinbox.application.contacts.ManageCrmSettings;
import dev.smsinbox.application.port.RequestRefused;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The account's CRM connector settings (CONTRACT "CRM connectors"): {@code {connector, settings:
 * {key: value}}}. Secrets (an API token) are accepted and never returned: the answer names them in
 * {@code secretsSet}. The answer also gives the address the admin pastes into ActiveCampaign for
 * its webhooks ({@code webhookUrl}, with the account's secret token; CONTRACT "CRM webhooks"), and
 * {@code POST /settings/crm/webhook-token} replaces that token.
 */
@Path("/settings/crm")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class CrmSettingsResource {

  public record Change(String connector, Map<String, String> settings) {}

  /** {@link ManageCrmSettings.View} and the account's webhook address. */
  public record Settings(
      String connector,
      Map<String, String> settings,
      Set<String> secretsSet,
      boolean own,
      List<String> connectors,
      String webhookUrl) {}

  /** The account's new webhook address. */
  public record Webhook(String webhookUrl) {}

  @Inject ManageCrmSettings crm;
  @Inject CrmWebhooks webhooks;
  @Inject CurrentCaller caller;
  @Context UriInfo uri;

  @GET
  public Settings current() {
    return withWebhook(crm.current(caller.get()));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Settings save(Change change) {
    if (change == null) {
      throw RequestRefused.invalid(
          "Send {\"connector\": \"activecampaign\", \"settings\": {\"url\": …, \"api-token\": …}}.");
    }
    return withWebhook(crm.save(caller.get(), change.connector(), change.settings()));
  }

  /** A new secret address for ActiveCampaign's webhooks; the one before stops working at once. */
  @POST
  @Path("/webhook-token")
  public Webhook rotateWebhookToken() {
    return new Webhook(webhookUrl(webhooks.rotate(caller.get())));
  }

  private Settings withWebhook(ManageCrmSettings.View view) {
    return new Settings(
        view.connector(),
        view.settings(),
        view.secretsSet(),
        view.own(),
        view.connectors(),
        webhookUrl(webhooks.token(caller.get())));
  }

  /** The address as this request reached the inbox: what ActiveCampaign must reach too. */
  private String webhookUrl(String token) {
    return uri.getBaseUriBuilder().path("webhooks/activecampaign/{token}").build(token).toString();
  }
}
