package dev.smsinbox.adapter.rest;

import dev.smsinbox.application.contacts.CrmWebhooks;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.crm.CrmNotice;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Clock;

/**
 * ActiveCampaign's webhooks into the inbox (CONTRACT "CRM webhooks"): {@code POST
 * /api/webhooks/activecampaign/{token}} with ActiveCampaign's form fields. Open without a sign-in
 * (SignInFilter lets it through, and no session cookie, hence no CSRF question, is involved):
 * ActiveCampaign has no token of ours and signs nothing, so the secret token in the address is the
 * credential, and it names the account. An unknown token is a 404 that says nothing more; a post
 * that is no webhook a 400; anything ActiveCampaign may send is acknowledged (200) — an event the
 * inbox has no use for too, so ActiveCampaign keeps the webhook active.
 */
@Path("/webhooks/activecampaign/{token}")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ActiveCampaignWebhookResource {

  /** The answer: what came of the webhook ({@code applied}, {@code ignored}, {@code duplicate}). */
  public record Received(String outcome, String detail) {}

  @Inject CrmWebhooks webhooks;

  private final Clock clock = Clock.systemUTC();

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Received receive(@PathParam("token") String token, MultivaluedMap<String, String> form) {
    if (form == null || form.isEmpty()) {
      throw RequestRefused.invalid(
          "Send ActiveCampaign's webhook fields (type, contact[id], contact[phone] …) as"
              + " application/x-www-form-urlencoded.");
    }
    CrmNotice notice;
    try {
      notice = ActiveCampaignWebhook.read(form, clock.instant());
    } catch (ActiveCampaignWebhook.Unreadable e) {
      throw RequestRefused.invalid(e.getMessage());
    }
    CrmWebhooks.Result result =
        webhooks.received(
            token, ActiveCampaignWebhook.CRM, notice, ActiveCampaignWebhook.digest(form));
    return new Received(result.outcome().label(), result.detail());
  }
}
