package dev.smsinbox.adapter.rest;

import dev.smsinbox.adapter.rest.signin.SignIn;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Headers that let the host CRM embed the screens and nobody else: the pages may load only our own
 * scripts, styles and API ({@code default-src 'self'}), and only the configured CRM origins may
 * frame them ({@code frame-ancestors}: the host CRM's origins, {@code AUTH_ALLOWED_ORIGINS}, plus
 * key {@code inbox.frame-ancestors} ⇄ env {@code INBOX_FRAME_ANCESTORS}, default {@code 'self'}).
 * server.xml turns Liberty's own X-Frame-Options off, so frame-ancestors alone decides. API answers
 * carry personal data: never cached. {@code base-uri} and {@code form-action} keep an injected
 * {@code <base>} or form from sending anything elsewhere; HSTS is sent over HTTPS.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

  static final String FRAME_ANCESTORS_KEY = "inbox.frame-ancestors";
  static final String DEFAULT_FRAME_ANCESTORS = "'self'";

  private String contentSecurityPolicy;

  @Inject SignIn signIn;

  @Override
  public void init(FilterConfig filterConfig) {
    contentSecurityPolicy =
        "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors "
            + frameAncestors(
                configuredFrameAncestors() + " " + String.join(" ", signIn.hostOrigins()));
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("Content-Security-Policy", contentSecurityPolicy);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    if (request.isSecure()) {
      // Over HTTPS only: a browser that saw it never tries plain HTTP on this host for a year.
      response.setHeader("Strict-Transport-Security", "max-age=31536000");
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/")) {
      response.setHeader("Cache-Control", "no-store");
    }
    chain.doFilter(request, response);
  }

  private static String configuredFrameAncestors() {
    var config = ConfigProvider.getConfig(SecurityHeadersFilter.class.getClassLoader());
    return config
        .getOptionalValue(FRAME_ANCESTORS_KEY, String.class)
        .or(() -> config.getOptionalValue("INBOX_FRAME_ANCESTORS", String.class))
        .orElse(DEFAULT_FRAME_ANCESTORS);
  }

  /**
   * The source list as configured (space or comma separated), reduced to what can only be a source
   * list: a value with a ';' or a line break would otherwise add directives of its own.
   */
  static String frameAncestors(String configured) {
    String sources =
        configured == null
            ? ""
            : configured.replaceAll("[;\\r\\n,]", " ").trim().replaceAll("\\s+", " ");
    return sources.isEmpty() ? DEFAULT_FRAME_ANCESTORS : sources;
  }
}
