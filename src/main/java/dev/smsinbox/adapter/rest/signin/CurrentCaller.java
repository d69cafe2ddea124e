package dev.smsinbox.adapter.rest.signin;

import dev.smsinbox.application.Caller;
import dev.smsinbox.application.port.RequestRefused;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * Who the current request's caller is: the one place resources (and, through them, use cases) ask.
 * {@link SignInFilter} has signed every request to the API in before any resource runs, so inside a
 * resource there always is a caller.
 */
@RequestScoped
public class CurrentCaller {

  @Inject HttpServletRequest request;
  @Inject SignIn signIn;

  public Caller get() {
    if (request.getAttribute(SignInFilter.CALLER) instanceof Caller caller) {
      return caller;
    }
    throw new IllegalStateException("No caller: the request did not pass the sign-in filter");
  }

  /**
   * The caller, who must be an operator of the deployment: an admin of DEFAULT_ACCOUNT, the account
   * that runs it. The views of the shared carrier link and of the integrators' routes (unfiled SMS,
   * route files, dead letters) hold every account's traffic, so no other account's admin sees them.
   *
   * @throws RequestRefused (403) for anybody else
   */
  public Caller operator() {
    Caller caller = get();
    String operators = signIn.settings().defaultAccount();
    if (!caller.hasRole(Caller.ADMIN) || !caller.accountId().equals(operators)) {
      throw new RequestRefused(
          RequestRefused.Reason.FORBIDDEN,
          "This view holds every account's traffic on the shared carrier link; it is for the"
              + " operators of the deployment (admins of account '"
              + operators
              + "', DEFAULT_ACCOUNT).");
    }
    return caller;
  }

  /**
   * When the caller's credentials end: the session's end or the Bearer token's exp (empty for a
   * demo user's password). A long-lived answer, such as the live events, ends then too.
   */
  public Optional<Instant> signedInUntil() {
    return request.getAttribute(SignInFilter.SIGNED_IN_UNTIL) instanceof Instant until
        ? Optional.of(until)
        : Optional.empty();
  }

  /** When the screens' session ends, for a caller signed in by the session cookie. */
  public Optional<Instant> sessionExpires() {
    return request.getAttribute(SignInFilter.SESSION_EXPIRES) instanceof Instant expires
        ? Optional.of(expires)
        : Optional.empty();
  }
}
