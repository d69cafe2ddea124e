package dev.smsinbox.adapter.rest;

import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every error leaves as problem+json with a detail a person can act on; never a stack trace. */
public final class ProblemMappers {

  private ProblemMappers() {}

  @Provider
  public static class Refused implements ExceptionMapper<RequestRefused> {
    @Override
    public Response toResponse(RequestRefused e) {
      return problem(e).response();
    }
  }

  /** The refusal as a problem, also for answers stored under an idempotency key. */
  static Problem problem(RequestRefused e) {
    return switch (e.reason()) {
      case NOT_FOUND -> Problem.of(Response.Status.NOT_FOUND, e.getMessage());
      case INVALID -> Problem.of(Response.Status.BAD_REQUEST, e.getMessage());
      case NOT_TWO_WAY -> Problem.of(422, "Not a two-way number", e.getMessage());
      case CONFLICT -> Problem.of(Response.Status.CONFLICT, e.getMessage());
      case PAYMENT_REQUIRED -> Problem.of(402, "Not enough credits", e.getMessage());
      case FORBIDDEN -> Problem.of(Response.Status.FORBIDDEN, e.getMessage());
      case FORBIDDEN_BY_PLAN -> Problem.of(403, "Not on your plan", e.getMessage());
      case UPSTREAM_FAILED -> Problem.of(Response.Status.BAD_GATEWAY, e.getMessage());
      case UPSTREAM_TIMEOUT -> Problem.of(Response.Status.GATEWAY_TIMEOUT, e.getMessage());
      case TOO_LARGE -> Problem.of(413, "Too large", e.getMessage());
      case QUIET_HOURS -> Problem.of(409, "Quiet hours", e.getMessage());
      case MISSING_MERGE_FIELD -> Problem.of(422, "A merge field has no value", e.getMessage());
      case UNKNOWN_AUTOMATION -> Problem.of(422, "Unknown automation", e.getMessage());
    };
  }

  /**
   * The host CRM failed a panel action (down, too slow, an error, a refusal): 502 with the CRM's
   * own words. The action's unit of work rolled back, so the inbox changed nothing either.
   */
  @Provider
  public static class CrmFailed implements ExceptionMapper<CrmConnector.Failed> {
    private static final Logger LOG = Logger.getLogger(CrmFailed.class.getName());

    @Override
    public Response toResponse(CrmConnector.Failed e) {
      LOG.warning(() -> "Answered 502: " + e.getMessage());
      return crmFailed(e).response();
    }
  }

  static Problem crmFailed(CrmConnector.Failed e) {
    return Problem.of(
        Response.Status.BAD_GATEWAY.getStatusCode(),
        "The CRM failed",
        e.getMessage() + ". Nothing was changed in the inbox; try again once the CRM answers.");
  }

  /** Malformed JSON bodies arrive as a ProcessingException or a JsonbException. */
  @Provider
  public static class BadJson implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
      return Problem.response(
          Response.Status.BAD_REQUEST, "The request body is not valid JSON: " + rootMessage(e));
    }
  }

  @Provider
  public static class BadJsonb implements ExceptionMapper<JsonbException> {
    @Override
    public Response toResponse(JsonbException e) {
      return Problem.response(
          Response.Status.BAD_REQUEST, "The request body is not valid JSON: " + rootMessage(e));
    }
  }

  @Provider
  public static class Web implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (e instanceof ForbiddenException) {
        return Problem.response(
            Response.Status.FORBIDDEN,
            "Your account lacks the role this needs (administrator for the inbox, crm-service for the CRM's sending API); ask a CRM admin.");
      }
      if (e instanceof NotAuthorizedException) {
        return Problem.response(Response.Status.UNAUTHORIZED, "Sign in to use the inbox.");
      }
      if (status == 404) {
        return Problem.response(Response.Status.NOT_FOUND, "There is no such resource.");
      }
      if (e.getCause() != null && status == 400) {
        return Problem.response(
            Response.Status.BAD_REQUEST, "The request is malformed: " + rootMessage(e));
      }
      Response.StatusType type = e.getResponse().getStatusInfo();
      return Problem.response(status, type.getReasonPhrase(), e.getMessage());
    }
  }

  /**
   * The database cannot be reached: the request changed nothing and will work once it is back, so
   * 503 with a pause to retry after, not a 500 that reads as a bug. (A batch that had queued some
   * recipients when the database went away does not come here: it answers what it queued.)
   */
  @Provider
  public static class DatabaseUnavailable implements ExceptionMapper<UnitOfWork.Unavailable> {
    private static final Logger LOG = Logger.getLogger(DatabaseUnavailable.class.getName());

    static final int RETRY_AFTER_SECONDS = 5;

    @Override
    public Response toResponse(UnitOfWork.Unavailable e) {
      LOG.warning(() -> "Answered 503: " + e.getMessage());
      return Response.fromResponse(
              Problem.response(
                  Response.Status.SERVICE_UNAVAILABLE,
                  "The inbox cannot reach its database right now; nothing was changed by this"
                      + " request. Try again in a few seconds; if it persists, check that the"
                      + " database is running and reachable from the server."))
          .header("Retry-After", RETRY_AFTER_SECONDS)
          .build();
    }
  }

  @Provider
  public static class Unexpected implements ExceptionMapper<RuntimeException> {
    private static final Logger LOG = Logger.getLogger(Unexpected.class.getName());

    @Override
    public Response toResponse(RuntimeException e) {
      if (e instanceof WebApplicationException web) {
        return new Web().toResponse(web);
      }
      LOG.log(Level.SEVERE, "Unexpected failure answering a request", e);
      return Problem.response(
          Response.Status.INTERNAL_SERVER_ERROR,
          "Something went wrong on our side; nothing was changed by this request. Try again, and"
              + " if it persists, check the server log.");
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
