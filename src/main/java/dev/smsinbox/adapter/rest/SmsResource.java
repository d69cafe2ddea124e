package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.IdempotentWrites.Call;
import dev.smsinbox.adapter.rest.IdempotentWrites.Result;
import dev.smsinbox.adapter.rest.signin.CurrentCaller;
import dev.smsinbox.application.outbound.SendCrmSms;
import dev.smsinbox.application.outbound.SendCrmSms.BatchOutcome;
import dev.smsinbox.application.outbound.SendCrmSms.CrmSms;
import dev.smsinbox.application.outbound.SendCrmSms.Recipient;
import dev.smsinbox.application.port.IdempotencyKeys;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Origin;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The host CRM's campaign and automated SMS, sent through the inbox so replies are attributed. */
@Path("/sms")
@RequestScoped
@RolesAllowed("crm-service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SmsResource {

  private static final Logger LOG = Logger.getLogger(SmsResource.class.getName());

  public record Batch(String from, String text, Origin origin, List<String> to) {}

  public record BatchResult(int queued, int skipped, List<Recipient> recipients) {}

  /**
   * A batch cut short, as a problem (RFC 9457) with the batch's own members: the recipients it
   * reached, queued or skipped, and those it sent nothing to.
   */
  public record CutShort(
      String type,
      String title,
      int status,
      String detail,
      int queued,
      int skipped,
      List<Recipient> recipients,
      List<String> notSent) {}

  @Inject SendCrmSms sendCrmSms;
  @Inject IdempotentWrites idempotent;
  @Inject CurrentCaller caller;

  @POST
  @Path("/messages")
  public Response send(CrmSms body, @HeaderParam(IdempotentWrites.HEADER) String key) {
    if (body == null) {
      throw RequestRefused.invalid("Send {to, from?, text, origin: {type, id, name}}.");
    }
    return idempotent.once(
        new Call("POST /api/sms/messages", key, caller.get(), body),
        () -> new Result(202, sendCrmSms.send(caller.get(), body)));
  }

  @POST
  @Path("/batches")
  public Response batch(Batch body, @HeaderParam(IdempotentWrites.HEADER) String key) {
    if (body == null) {
      throw RequestRefused.invalid("Send {from?, text, origin: {type, id, name}, to: [numbers]}.");
    }
    return idempotent.batch(
        new Call("POST /api/sms/batches", key, caller.get(), body),
        progress ->
            result(
                sendCrmSms.sendBatch(
                    caller.get(), body.from(), body.text(), body.origin(), body.to(), progress),
                key != null));
  }

  /** 202 with every recipient's outcome, or — cut short — a problem that says how far it got. */
  static Result result(BatchOutcome outcome, boolean withKey) {
    if (outcome.stoppedBy() == null) {
      return new Result(
          202, new BatchResult(outcome.queued(), outcome.skipped(), outcome.recipients()));
    }
    int reached = outcome.recipients().size();
    String sofar =
        outcome.queued()
            + " of the batch's "
            + (reached + outcome.notSent().size())
            + " recipients were queued and "
            + outcome.skipped()
            + " skipped; nothing was sent to the other "
            + outcome.notSent().size()
            + " (notSent).";
    String again =
        withKey
            ? " Send the same batch again with the same Idempotency-Key: only those not queued are"
                + " sent."
            : " Send a batch of the numbers under notSent (with an Idempotency-Key, the same batch"
                + " could simply be sent again).";
    if (outcome.stoppedBy() instanceof UnitOfWork.Unavailable) {
      LOG.warning(() -> "Batch cut short: " + outcome.stoppedBy().getMessage());
      return cutShort(
          503, "Service Unavailable", "The inbox lost its database. " + sofar + again, outcome);
    }
    if (outcome.stoppedBy() instanceof IdempotencyKeys.Lost) {
      return cutShort(
          409,
          "Request in progress",
          "Another request with this Idempotency-Key took the batch over. "
              + sofar
              + " Ask again with the same key for the whole answer.",
          outcome);
    }
    LOG.log(Level.SEVERE, "Batch cut short by an unexpected failure", outcome.stoppedBy());
    return cutShort(
        500,
        "Internal Server Error",
        "Something went wrong on our side; see the server log. " + sofar + again,
        outcome);
  }

  private static Result cutShort(int status, String title, String detail, BatchOutcome outcome) {
    return new Result(
        status,
        new CutShort(
            "about:blank",
            title,
            status,
            detail,
            outcome.queued(),
            outcome.skipped(),
            outcome.recipients(),
            outcome.notSent()));
  }
}
