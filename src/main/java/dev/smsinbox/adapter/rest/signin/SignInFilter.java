package dev.smsinbox.adapter.rest.signin;

import dev.smsinbox.application.Caller;
import dev.smsinbox.support.Throttle;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Signs every request in, once, before the screens or the API see it: a host CRM token ({@code
 * Authorization: Bearer}), the screens' session cookie (from /launch), or — in the demo run — a
 * demo user's password (Basic). The caller is then the request's principal with its roles, so
 * {@code @RolesAllowed} and {@code isUserInRole} work as they did with the server's registry, and
 * {@link CurrentCaller} says who it is.
 *
 * <p>The container's own sign-in cannot do this: it answers a refused token with a bare 401, where
 * the host CRM's developers need the check that failed. A request that changes something with the
 * session cookie must come from the screens' own origin or the host CRM's (CSRF): a cookie travels
 * with any site's request, a Bearer token or a password does not.
 */
@WebFilter(filterName = "SignInFilter", urlPatterns = "/*", asyncSupported = true)
public class SignInFilter extends HttpFilter {

  /** Request attribute holding the {@link Caller}. */
  public static final String CALLER = Caller.class.getName();

  /** Request attribute holding the session's end ({@link Instant}), for a session caller. */
  public static final String SESSION_EXPIRES = Caller.class.getName() + ".sessionExpires";

  /**
   * Request attribute holding when the caller's credentials end ({@link Instant}): the session's
   * end, or a Bearer token's exp; absent for a password, which does not expire.
   */
  public static final String SIGNED_IN_UNTIL = Caller.class.getName() + ".signedInUntil";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private static final String BASIC_CHALLENGE = "Basic realm=\"SMS Inbox\"";

  @Inject SignIn signIn;

  /** Refused tokens and wrong passwords per client address (AUTH_FAILED_SIGNINS_*). */
  private Throttle failedSignIns;

  private Set<String> exempt = Set.of();

  @Override
  public void init() {
    Config config = ConfigProvider.getConfig(SignInFilter.class.getClassLoader());
    failedSignIns =
        new Throttle(
            setting(config, "auth.failed-signins.limit", Integer.class).orElse(20),
            setting(config, "auth.failed-signins.window", String.class)
                .map(Duration::parse)
                .orElse(Duration.ofMinutes(1)),
            Clock.systemUTC());
    exempt =
        setting(config, "auth.failed-signins.exempt", String.class)
            .map(
                list ->
                    Arrays.stream(list.split(","))
                        .map(String::strip)
                        .filter(a -> !a.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
            .orElse(Set.of());
  }

  private static <T> Optional<T> setting(Config config, String key, Class<T> type) {
    return config
        .getOptionalValue(key, type)
        .or(
            () ->
                config.getOptionalValue(
                    key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'),
                    type));
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (isDemoCrmPage(path) && signIn.demoCrm().isEmpty()) {
      problem(response, 404, "Not Found", "The demo CRM exists only in the demo run.", null);
      return;
    }
    if (isPublic(path)) {
      chain.doFilter(request, response);
      return;
    }
    boolean screen = !path.startsWith("/api/");
    String address = request.getRemoteAddr();
    boolean limited = !exempt.contains(address);
    if (limited && request.getHeader("Authorization") != null) {
      Optional<Duration> wait = failedSignIns.waitFor(address);
      if (wait.isPresent()) {
        response.setHeader("Retry-After", Long.toString(Throttle.retryAfterSeconds(wait.get())));
        problem(
            response,
            429,
            "Too Many Requests",
            "Too many refused sign-ins from this address; try again in "
                + Throttle.retryAfterSeconds(wait.get())
                + " seconds.",
            null);
        return;
      }
    }
    SignedIn signedIn;
    try {
      signedIn = signIn(request);
    } catch (RefusedToken e) {
      if (limited) {
        failedSignIns.count(address);
      }
      response.setHeader(
          "WWW-Authenticate",
          "Bearer error=\"invalid_token\", error_description=\"" + e.check().words() + "\"");
      problem(response, 401, "Unauthorized", e.getMessage(), e.check().words());
      return;
    } catch (KeysUnavailable e) {
      response.setHeader("Retry-After", "5");
      problem(response, 503, "Service Unavailable", e.getMessage(), null);
      return;
    } catch (WrongPassword e) {
      if (limited) {
        failedSignIns.count(address);
      }
      if (signIn.basicEnabled() && !fromTheScreens(request)) {
        response.setHeader("WWW-Authenticate", BASIC_CHALLENGE);
      }
      problem(response, 401, "Unauthorized", e.getMessage(), null);
      return;
    }
    if (signedIn == null) {
      unauthenticated(request, response);
      return;
    }
    if (signedIn.session != null && !SAFE_METHODS.contains(request.getMethod())) {
      String origin = origin(request);
      if (!signIn.allowedOrigin(origin, request.getHeader("Host"))
          && !signIn.sessions().carriesCsrfToken(request)) {
        problem(
            response,
            403,
            "Forbidden",
            "This change came "
                + (origin == null ? "from a page that did not say where it is" : "from " + origin)
                + ", which is neither the inbox nor one of the CRM origins allowed to change"
                + " things with the session (AUTH_ALLOWED_ORIGINS), and it carries no "
                + Sessions.CSRF_HEADER
                + " of this session; nothing was changed.",
            null);
        return;
      }
    }
    Caller caller = signedIn.caller;
    if (screen && !caller.hasRole(Caller.ADMIN)) {
      problem(
          response,
          403,
          "Forbidden",
          "You are signed in as "
              + caller.name()
              + ", who is not an administrator of the inbox (the CRM group "
              + signIn.settings().adminGroup()
              + "); ask a CRM admin.",
          null);
      return;
    }
    request.setAttribute(CALLER, caller);
    if (signedIn.session != null) {
      request.setAttribute(SESSION_EXPIRES, signedIn.session.expires());
    }
    if (signedIn.until != null) {
      request.setAttribute(SIGNED_IN_UNTIL, signedIn.until);
    }
    chain.doFilter(new SignedInRequest(request, caller, signedIn.how), response);
  }

  private record SignedIn(Caller caller, Sessions.Session session, String how, Instant until) {}

  private static final class WrongPassword extends Exception {
    WrongPassword(String message) {
      super(message);
    }
  }

  private SignedIn signIn(HttpServletRequest request)
      throws RefusedToken, KeysUnavailable, WrongPassword {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      TokenVerifier.Verified verified = signIn.tokens().verify(authorization.substring(7));
      return new SignedIn(verified.caller(), null, "BEARER", verified.expires());
    }
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      if (!signIn.basicEnabled()) {
        throw new WrongPassword(
            "Signing in with a user name and password is off on this server: the host CRM signs"
                + " people in with a token (Authorization: Bearer, or /launch for the screens).");
      }
      String[] credentials = basic(authorization.substring(6));
      Optional<Caller> caller =
          credentials == null ? Optional.empty() : signIn.demoUser(credentials[0], credentials[1]);
      return new SignedIn(
          caller.orElseThrow(() -> new WrongPassword("The user name or the password is wrong.")),
          null,
          "BASIC",
          null);
    }
    return signIn
        .sessions()
        .read(request)
        .map(session -> new SignedIn(session.caller(), session, "FORM", session.expires()))
        .orElse(null);
  }

  private void unauthenticated(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean sessionEnded = Sessions.carriesCookie(request);
    if (sessionEnded) {
      response.addHeader("Set-Cookie", signIn.sessions().ended(request));
    }
    if (signIn.basicEnabled() && !sessionEnded && !fromTheScreens(request)) {
      // The demo run's sign-in, as before: a browser or client asks for a demo user's password.
      response.setHeader("WWW-Authenticate", BASIC_CHALLENGE);
    } else {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"SMS Inbox\"");
    }
    problem(
        response,
        401,
        "Unauthorized",
        sessionEnded
            ? "Your session has ended; open the inbox again from your CRM."
            : "Sign in to use the inbox: open it from your CRM, or send the CRM's token as"
                + " Authorization: Bearer"
                + (signIn.basicEnabled() ? " (demo run: or a demo user's password)." : "."),
        null);
  }

  /**
   * The screens' own API calls say so (api.js): a Basic challenge would make the browser ask for a
   * password inside the host CRM's iframe when the session has ended, where the screens instead
   * tell the host to launch them again.
   */
  private static boolean fromTheScreens(HttpServletRequest request) {
    return "smsinbox".equals(request.getHeader("X-Requested-With"));
  }

  /**
   * Paths anyone may reach: the launch itself, error pages, images, the demo CRM's page, the CRM's
   * origins (the screens post there even after their session has ended), and ActiveCampaign's
   * webhooks. Those come from ActiveCampaign's servers, which carry no token or session of ours and
   * sign nothing: the secret token in the address is their credential (checked by the resource, 404
   * when unknown). They are exempt from the Origin/CSRF rule on purpose: that rule protects the
   * session cookie, and a webhook is never signed in with one.
   */
  static boolean isPublic(String path) {
    return path.equals("/launch")
        || path.equals("/problem")
        || path.startsWith("/img/")
        || isDemoCrmPage(path)
        || path.startsWith("/api/demo-crm/")
        || path.equals("/api/host-origins")
        || WEBHOOK.matcher(path).matches();
  }

  /**
   * Where ActiveCampaign posts its webhooks: {@code /api/webhooks/activecampaign/{token}}, the
   * token of URL-safe characters only, so no {@code ..} or encoded path leads the open door
   * elsewhere.
   */
  private static final java.util.regex.Pattern WEBHOOK =
      java.util.regex.Pattern.compile("/api/webhooks/activecampaign/[A-Za-z0-9_-]{1,100}");

  private static boolean isDemoCrmPage(String path) {
    return path.equals("/demo-crm.html") || path.startsWith("/demo-crm/");
  }

  /** The page a state-changing request came from: Origin, else the Referer's origin. */
  static String origin(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if (origin != null && !origin.isBlank() && !"null".equals(origin)) {
      return origin;
    }
    String referer = request.getHeader("Referer");
    if (referer == null || referer.isBlank()) {
      return null;
    }
    try {
      URI uri = URI.create(referer);
      return uri.getScheme() + "://" + uri.getRawAuthority();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String[] basic(String encoded) {
    try {
      String decoded =
          new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? null
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** An RFC 9457 problem; {@code check} names the token check that failed, when one did. */
  static void problem(
      HttpServletResponse response, int status, String title, String detail, String check)
      throws IOException {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("type", "about:blank")
            .add("title", title)
            .add("status", status)
            .add("detail", detail);
    if (check != null) {
      json.add("check", check);
    }
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(json.build().toString());
  }

  /** The request as the screens and the API see it: signed in as {@code caller}. */
  private static final class SignedInRequest extends HttpServletRequestWrapper {
    private final Caller caller;
    private final String how;
    private final Principal principal;

    SignedInRequest(HttpServletRequest request, Caller caller, String how) {
      super(request);
      this.caller = caller;
      this.how = how;
      this.principal = caller::id;
    }

    @Override
    public Principal getUserPrincipal() {
      return principal;
    }

    @Override
    public String getRemoteUser() {
      return caller.id();
    }

    @Override
    public boolean isUserInRole(String role) {
      return caller.hasRole(role);
    }

    @Override
    public String getAuthType() {
      return how;
    }
  }
}
