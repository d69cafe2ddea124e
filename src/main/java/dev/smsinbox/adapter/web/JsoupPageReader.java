package dev.smsinbox.adapter.web;

import dev.smsinbox.application.port.PageReader;
import dev.smsinbox.domain.GroundingPage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Fetches a page with jsoup and keeps its readable text. Redirects are followed by hand (at most
 * {@value #MAX_REDIRECTS}) so each hop passes the {@link AddressPolicy}; the body is read up to
 * {@value #MAX_BODY_BYTES} bytes and the text kept up to {@value #MAX_TEXT} characters. Each hop
 * connects to the very address the policy checked ({@link PinnedRequest}); jsoup only parses.
 */
public class JsoupPageReader implements PageReader {

  static final int MAX_REDIRECTS = 3;
  static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
  static final int MAX_TEXT = 20_000;
  private static final Pattern READABLE =
      Pattern.compile("(text/html|application/xhtml\\+xml|text/plain)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CHARSET =
      Pattern.compile("charset=\"?([-\\w.:]+)", Pattern.CASE_INSENSITIVE);
  private static final String USER_AGENT = "SmsInbox/1 (reads pages allowed for draft replies)";

  private final AddressPolicy policy;
  private final Duration timeout;
  private final Clock clock;

  /**
   * @param allowPrivate also fetch from loopback and private addresses (tests, intranets)
   * @param ports the ports it may fetch from; empty for any
   */
  public JsoupPageReader(boolean allowPrivate, Set<Integer> ports, Duration timeout, Clock clock) {
    this(new AddressPolicy(allowPrivate, ports, AddressPolicy.Resolver.DNS), timeout, clock);
  }

  JsoupPageReader(AddressPolicy policy, Duration timeout, Clock clock) {
    this.policy = policy;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** The ports of the web, 80 and 443: what a reader fetches from unless configured. */
  public static Set<Integer> webPorts() {
    return AddressPolicy.WEB_PORTS;
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
        AddressPolicy.Checked checked = policy.check(uri);
        if (checked.whyNot() != null) {
          return failed(url, "not fetched: " + checked.whyNot());
        }
        PinnedRequest.Answer response =
            PinnedRequest.get(uri, checked.address(), timeout, MAX_BODY_BYTES, USER_AGENT);
        int status = response.status();
        String redirect = response.header("Location");
        if (status >= 300 && status < 400 && redirect != null) {
          location = uri.resolve(redirect).toString();
          continue;
        }
        if (status != 200) {
          return failed(url, "the server answered HTTP " + status);
        }
        String type = response.header("Content-Type");
        if (type != null && !READABLE.matcher(type).lookingAt()) {
          return failed(url, "not a web page (" + type + ")");
        }
        Matcher charset = CHARSET.matcher(type == null ? "" : type);
        Document document =
            Jsoup.parse(
                new ByteArrayInputStream(response.body()),
                charset.find() ? charset.group(1) : null,
                location);
        String text = readableText(document);
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
