package dev.smsinbox.adapter.web;

import dev.smsinbox.application.port.PageReader;
import dev.smsinbox.domain.GroundingPage;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jsoup.Connection;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Fetches a page with jsoup and keeps its readable text. Redirects are followed by hand (at most
 * {@value #MAX_REDIRECTS}) so each hop passes the {@link AddressPolicy}; the body is read up to
 * {@value #MAX_BODY_BYTES} bytes and the text kept up to {@value #MAX_TEXT} characters.
 */
public class JsoupPageReader implements PageReader {

  static final int MAX_REDIRECTS = 3;
  static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
  static final int MAX_TEXT = 20_000;
  private static final Pattern READABLE =
      Pattern.compile("(text/html|application/xhtml\\+xml|text/plain)", Pattern.CASE_INSENSITIVE);

  private final AddressPolicy policy;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param allowPrivate also fetch from loopback and private addresses (tests, intranets)
   */
  public JsoupPageReader(boolean allowPrivate, Duration timeout, Clock clock) {
    this.policy = new AddressPolicy(allowPrivate);
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public GroundingPage read(String url) {
    try {
      String location = url;
      for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
        URI uri = URI.create(location);
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
          return failed(url, "it leads to " + location + ", which is not an http(s) address");
        }
        String whyNot = policy.whyNot(uri.getHost());
        if (whyNot != null) {
          return failed(url, "not fetched: " + whyNot);
        }
        Connection.Response response =
            Jsoup.connect(location)
                .followRedirects(false)
                .ignoreHttpErrors(true)
                .ignoreContentType(true) // checked below, once redirects are done
                .timeout((int) timeout.toMillis())
                .maxBodySize(MAX_BODY_BYTES)
                .userAgent("SmsInbox/1 (reads pages allowed for draft replies)")
                .execute();
        int status = response.statusCode();
        if (status >= 300 && status < 400 && response.hasHeader("Location")) {
          location = uri.resolve(response.header("Location")).toString();
          continue;
        }
        if (status != 200) {
          return failed(url, "the server answered HTTP " + status);
        }
        String type = response.contentType();
        if (type != null && !READABLE.matcher(type).lookingAt()) {
          return failed(url, "not a web page (" + type + ")");
        }
        String text = readableText(response.parse());
        if (text.isBlank()) {
          return failed(url, "the page has no readable text");
        }
        return new GroundingPage(url, GroundingPage.Status.FETCHED, null, text, clock.instant());
      }
      return failed(url, "more than " + MAX_REDIRECTS + " redirects");
    } catch (SocketTimeoutException e) {
      return failed(url, "no answer within " + timeout.toSeconds() + " seconds");
    } catch (IOException | IllegalArgumentException e) {
      return failed(url, "could not be fetched: " + e.getMessage());
    }
  }

  /** The text a reader sees: title and blocks of the main content, one per line, no chrome. */
  static String readableText(Document document) {
    document
        .select("script, style, noscript, template, svg, nav, header, footer, form, iframe, aside")
        .remove();
    Element root = document.selectFirst("main, article, [role=main]");
    if (root == null) {
      root = document.body();
    }
    StringBuilder text = new StringBuilder();
    String title = document.title().strip();
    if (!title.isEmpty()) {
      text.append(title).append('\n');
    }
    for (Element block : root.select("h1, h2, h3, h4, h5, h6, p, li, dt, dd, td, th, pre")) {
      if (block.parents().stream().anyMatch(p -> p.nameIs("p") || p.nameIs("li"))) {
        continue; // its text is already in the enclosing block
      }
      String line = block.text().strip();
      if (!line.isEmpty()) {
        text.append(line).append('\n');
      }
    }
    if (text.length() <= title.length() + 1) {
      text.append(root.text());
    }
    String result = text.toString().strip();
    return result.length() > MAX_TEXT ? result.substring(0, MAX_TEXT) : result;
  }

  private GroundingPage failed(String url, String detail) {
    return GroundingPage.failed(url, detail, clock.instant());
  }
}
