package dev.smsinbox.adapter.rest.signin;

import dev.smsinbox.application.Caller;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The host CRM opens the screens in its iframe here: {@code GET /launch?jwt=…} or a form {@code
 * POST /launch} with field {@code jwt}. A token that passes every check starts a session (a cookie
 * until the token's exp, at most 12 h) and sends the browser on to the inbox; one that fails
 * answers 401 naming the check. A launch from another site may only come from the host CRM, so
 * nobody can slip a session of their own into someone else's browser.
 */
@WebServlet("/launch")
public class LaunchServlet extends HttpServlet {

  @Inject SignIn signIn;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    launch(request, response);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    launch(request, response);
  }

  private void launch(HttpServletRequest request, HttpServletResponse response) throws IOException {
    // The page that sent the browser here (Origin on a post, the Referer's origin on a link or a
    // frame) must be the CRM's or ours; a browser that says nothing (a typed address, a page
    // with no-referrer) may launch: the token alone decides then.
    String origin = SignInFilter.origin(request);
    if (origin != null && !signIn.allowedOrigin(origin, request.getHeader("Host"))) {
      SignInFilter.problem(
          response,
          403,
          "Forbidden",
          "A launch from "
              + origin
              + " is refused: it is not one of the CRM origins allowed to open the inbox"
              + " (AUTH_ALLOWED_ORIGINS).",
          null);
      return;
    }
    String token = request.getParameter("jwt");
    if (token == null || token.isBlank()) {
      SignInFilter.problem(
          response,
          400,
          "Bad Request",
          "Send the CRM's signed token as /launch?jwt=… or as the form field jwt of a POST to"
              + " /launch.",
          null);
      return;
    }
    TokenVerifier.Verified verified;
    try {
      verified = signIn.tokens().verify(token);
    } catch (RefusedToken e) {
      SignInFilter.problem(response, 401, "Unauthorized", e.getMessage(), e.check().words());
      return;
    } catch (KeysUnavailable e) {
      response.setHeader("Retry-After", "5");
      SignInFilter.problem(response, 503, "Service Unavailable", e.getMessage(), null);
      return;
    }
    Caller caller = verified.caller();
    if (!caller.hasRole(Caller.ADMIN)) {
      SignInFilter.problem(
          response,
          403,
          "Forbidden",
          "The token signs in "
              + caller.name()
              + ", who is not in the CRM group "
              + signIn.settings().adminGroup()
              + " that the inbox's screens need; ask a CRM admin.",
          null);
      return;
    }
    Sessions.Session session = signIn.sessions().start(caller, verified.expires());
    response.addHeader("Set-Cookie", signIn.sessions().cookie(session, request));
    response.setHeader("Cache-Control", "no-store");
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", request.getContextPath() + "/");
  }
}
