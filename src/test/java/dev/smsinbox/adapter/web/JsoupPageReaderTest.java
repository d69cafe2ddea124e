package dev.smsinbox.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.smsinbox.domain.GroundingPage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading allowed pages: readable text only, private addresses refused, failures explained. */
class JsoupPageReaderTest {

  HttpServer site;

  @BeforeEach
  void start() throws Exception {
    site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serve(
        "/page",
        200,
        "<html><head><title>Hours</title><style>p{}</style></head><body>"
            + "<nav>Home | Shop</nav><main><h1>Opening hours</h1><p>Open <b>daily</b> 9-5.</p>"
            + "<ul><li>Closed on holidays</li></ul></main><script>track()</script>"
            + "<footer>(c) Acme</footer></body></html>");
    serve("/missing", 404, "nope");
    site.createContext(
        "/hop",
        exchange -> {
          exchange.getResponseHeaders().set("Location", "/page");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    site.start();
  }

  @AfterEach
  void stop() {
    site.stop(0);
  }

  void serve(String path, int status, String html) {
    site.createContext(
        path,
        exchange -> {
          byte[] body = html.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html");
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
  }

  String url(String path) {
    return "http://127.0.0.1:" + site.getAddress().getPort() + path;
  }

  static JsoupPageReader reader(boolean allowPrivate) {
    return new JsoupPageReader(allowPrivate, Duration.ofSeconds(3), Clock.systemUTC());
  }

  @Test
  void keepsTheReadableTextWithoutScriptsAndChrome() {
    GroundingPage page = reader(true).read(url("/hop"));
    assertThat(page.status()).as(page.detail()).isEqualTo(GroundingPage.Status.FETCHED);
    assertThat(page.url()).isEqualTo(url("/hop"));
    assertThat(page.text()).isEqualTo("Hours\nOpening hours\nOpen daily 9-5.\nClosed on holidays");
  }

  @Test
  void loopbackAndPrivateAddressesAreRefusedByDefault() {
    GroundingPage page = reader(false).read(url("/page"));
    assertThat(page.status()).isEqualTo(GroundingPage.Status.FAILED);
    assertThat(page.detail()).contains("private or local address");
    assertThat(page.text()).isEmpty();
  }

  @Test
  void anHttpErrorIsReported() {
    GroundingPage page = reader(true).read(url("/missing"));
    assertThat(page.status()).isEqualTo(GroundingPage.Status.FAILED);
    assertThat(page.detail()).contains("HTTP 404");
  }

  @Test
  void privateRangesAreRecognised() throws Exception {
    for (String address :
        new String[] {
          "10.1.2.3",
          "192.168.0.1",
          "172.16.5.4",
          "169.254.169.254",
          "100.64.0.1",
          "127.0.0.1",
          "::1",
          "fd00::1",
          "0.0.0.0"
        }) {
      assertThat(AddressPolicy.isPrivate(InetAddress.getByName(address))).as(address).isTrue();
    }
    assertThat(AddressPolicy.isPrivate(InetAddress.getByName("93.184.216.34"))).isFalse();
  }
}
