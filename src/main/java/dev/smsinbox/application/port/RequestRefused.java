package dev.smsinbox.application.port;

/**
 * A request the inbox will not carry out, with a reason a person can act on. Adapters translate the
 * {@link Reason} into their protocol (an HTTP status, an SMPP command status).
 */
public class RequestRefused extends RuntimeException {

  public enum Reason {
    NOT_FOUND,
    INVALID,
    NOT_TWO_WAY,
    CONFLICT,
    PAYMENT_REQUIRED,
    /** The caller may not do this (another account's view, an operator's). */
    FORBIDDEN,
    /** The CRM plan does not include the action (F9). */
    FORBIDDEN_BY_PLAN,
    /** A service we depend on (an AI endpoint) answered with an error. */
    UPSTREAM_FAILED,
    /** A service we depend on did not answer in time. */
    UPSTREAM_TIMEOUT,
    /** Larger than the inbox can store (a text, a part, an id longer than its column). */
    TOO_LARGE,
    /** A merge field of the text has no value for this contact and no fallback (issue 21). */
    MISSING_MERGE_FIELD,
    /** Inside the customer's quiet hours; the admin may confirm and send anyway (issue 21). */
    QUIET_HOURS,
    /** The request names an automation the CRM does not have (a keyword rule's, issue 20). */
    UNKNOWN_AUTOMATION
  }

  private final Reason reason;

  public RequestRefused(Reason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public static RequestRefused notFound(String detail) {
    return new RequestRefused(Reason.NOT_FOUND, detail);
  }

  public static RequestRefused invalid(String detail) {
    return new RequestRefused(Reason.INVALID, detail);
  }

  public static RequestRefused tooLarge(String detail) {
    return new RequestRefused(Reason.TOO_LARGE, detail);
  }

  public static RequestRefused conflict(String detail) {
    return new RequestRefused(Reason.CONFLICT, detail);
  }
}
