package dev.smsinbox.adapter.rest;

import dev.smsinbox.application.outbound.SendCrmSms;
import dev.smsinbox.application.outbound.SendCrmSms.CrmSms;
import dev.smsinbox.application.outbound.SendCrmSms.Recipient;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.Origin;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The host CRM's campaign and automated SMS, sent through the inbox so replies are attributed. */
@Path("/sms")
@RequestScoped
@RolesAllowed("crm-service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SmsResource {

  public record Batch(String from, String text, Origin origin, List<String> to) {}

  public record BatchResult(int queued, int skipped, List<Recipient> recipients) {}

  @Inject SendCrmSms sendCrmSms;

  @POST
  @Path("/messages")
  public Response send(CrmSms body) {
    if (body == null) {
      throw RequestRefused.invalid("Send {to, from?, text, origin: {type, id, name}}.");
    }
    Message message = sendCrmSms.send(body);
    return Response.accepted(message).build();
  }

  @POST
  @Path("/batches")
  public Response batch(Batch body) {
    if (body == null) {
      throw RequestRefused.invalid("Send {from?, text, origin: {type, id, name}, to: [numbers]}.");
    }
    List<Recipient> recipients =
        sendCrmSms.sendBatch(body.from(), body.text(), body.origin(), body.to());
    int queued = (int) recipients.stream().filter(r -> r.message() != null).count();
    return Response.accepted(new BatchResult(queued, recipients.size() - queued, recipients))
        .build();
  }
}
