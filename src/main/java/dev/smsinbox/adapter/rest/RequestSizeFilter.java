package dev.smsinbox.adapter.rest;

import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * No request body beyond {@code inbox.max-request-bytes} ⇄ {@code INBOX_MAX_REQUEST_BYTES} (1 MiB
 * by default): nothing the inbox takes is that large (an SMS is at most a few kB, a contact import
 * is paged), and an endless body would otherwise hold a thread and memory. A declared length beyond
 * it is refused before reading; a chunked body is counted as it is read and refused when it passes
 * the limit. Either way: 413 with a problem+json saying the limit.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestSizeFilter extends HttpFilter {

  static final long DEFAULT_LIMIT = 1024 * 1024;

  private long limit;

  @Override
  public void init(FilterConfig filterConfig) {
    var config = ConfigProvider.getConfig(RequestSizeFilter.class.getClassLoader());
    limit =
        config
            .getOptionalValue("inbox.max-request-bytes", Long.class)
            .or(() -> config.getOptionalValue("INBOX_MAX_REQUEST_BYTES", Long.class))
            .orElse(DEFAULT_LIMIT);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getContentLengthLong() > limit) {
      tooLarge(response);
      return;
    }
    try {
      chain.doFilter(new Limited(request, limit), response);
    } catch (TooLarge | ServletException e) {
      if (!(e instanceof TooLarge) && !(e.getCause() instanceof TooLarge)) {
        throw e;
      }
      if (!response.isCommitted()) {
        response.reset();
        tooLarge(response);
      }
    }
  }

  private void tooLarge(HttpServletResponse response) throws IOException {
    response.setStatus(413);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Connection", "close");
    response
        .getWriter()
        .write(
            Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", "Content Too Large")
                .add("status", 413)
                .add(
                    "detail",
                    "The request body is larger than "
                        + limit
                        + " bytes, the most this inbox takes (INBOX_MAX_REQUEST_BYTES); nothing was"
                        + " changed.")
                .build()
                .toString());
  }

  /** Thrown when a body without a declared length passes the limit while it is read. */
  static final class TooLarge extends IOException {
    TooLarge() {
      super("Request body too large");
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream =
            new ServletInputStream() {
              private long read;

              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                  count(1);
                }
                return b;
              }

              @Override
              public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                  count(n);
                }
                return n;
              }

              private void count(int n) throws TooLarge {
                read += n;
                if (read > limit) {
                  throw new TooLarge();
                }
              }

              @Override
              public boolean isFinished() {
                return in.isFinished();
              }

              @Override
              public boolean isReady() {
                return in.isReady();
              }

              @Override
              public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
              }
            };
      }
      return stream;
    }
  }
}
