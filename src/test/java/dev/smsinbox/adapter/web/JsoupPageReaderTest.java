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
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
    return new JsoupPageReader(allowPrivate, Set.of(), Duration.ofSeconds(3), Clock.systemUTC());
  }

  static JsoupPageReader reader(boolean allowPrivate, AddressPolicy.Resolver resolver) {
    return new JsoupPageReader(
        new AddressPolicy(allowPrivate, Set.of(), resolver),
        Duration.ofSeconds(1),
        Clock.systemUTC());
  }

  @Test
  void aRebindingNameNeverReachesTheLocalListener() throws Exception {
    AtomicInteger hits = new AtomicInteger();
    site.createContext(
        "/secret",
        exchange -> {
          hits.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    AtomicInteger lookups = new AtomicInteger();
    // A name server that answers a public address for the check and loopback after that.
    AddressPolicy.Resolver rebinding =
        host ->
            new InetAddress[] {
              lookups.incrementAndGet() == 1
                  ? InetAddress.getByName("93.184.216.34")
                  : InetAddress.getLoopbackAddress()
            };
    GroundingPage page =
        reader(false, rebinding)
            .read("http://rebind.example:" + site.getAddress().getPort() + "/secret");
    assertThat(page.status()).isEqualTo(GroundingPage.Status.FAILED);
    assertThat(lookups).hasValue(1);
    assertThat(hits).hasValue(0);
  }

  @Test
  void theCheckedAddressIsUsedWithTheNameKeptInTheHostHeader() {
    AtomicReference<String> host = new AtomicReference<>();
    site.createContext(
        "/host",
        exchange -> {
          host.set(exchange.getRequestHeaders().getFirst("Host"));
          byte[] body = "<p>Héllo</p>".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, 0); // chunked
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    int port = site.getAddress().getPort();
    GroundingPage page =
        reader(true, name -> new InetAddress[] {InetAddress.getLoopbackAddress()})
            .read("http://pages.example:" + port + "/host");
    assertThat(page.status()).as(page.detail()).isEqualTo(GroundingPage.Status.FETCHED);
    assertThat(page.text()).isEqualTo("Héllo");
    assertThat(host).hasValue("pages.example:" + port);
  }

  @Test
  void onlyTheWebPortsUnlessConfigured() {
    GroundingPage page =
        new JsoupPageReader(
                true, JsoupPageReader.webPorts(), Duration.ofSeconds(1), Clock.systemUTC())
            .read(url("/page"));
    assertThat(page.status()).isEqualTo(GroundingPage.Status.FAILED);
    assertThat(page.detail()).contains("port " + site.getAddress().getPort() + " is not one");
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
    assertThat(page.detail()).contains("private, local or reserved address");
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
          "0.0.0.0",
          "192.0.0.8",
          "192.0.2.1",
          "198.51.100.7",
          "203.0.113.9",
          "198.18.0.1",
          "240.0.0.1",
          "255.255.255.255",
          "224.0.0.1",
          "64:ff9b::7f00:1",
          "64:ff9b::a00:1",
          "2002:7f00:1::1",
          "2001:0::1",
          "2001:db8::1",
          "fe80::1",
          "fec0::1",
          "ff02::1",
          "::",
          "::ffff:127.0.0.1",
          "::127.0.0.1",
          "100::1"
        }) {
      assertThat(AddressPolicy.isPrivate(InetAddress.getByName(address))).as(address).isTrue();
    }
    assertThat(AddressPolicy.isPrivate(InetAddress.getByName("93.184.216.34"))).isFalse();
    assertThat(AddressPolicy.isPrivate(InetAddress.getByName("2606:2800:220:1::1"))).isFalse();
  }
}
