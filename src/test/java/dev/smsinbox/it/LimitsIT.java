package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Limits that keep one caller from holding the server (issue 17): request bodies, live event
 * streams per caller.
 */
class LimitsIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();

  @Test
  void aBodyOfTwoMebibytesIsRefusedWith413AndChangesNothing() {
    String phone = FreshNumbers.us();
    String huge = "x".repeat(2 * 1024 * 1024);

    var refused =
        inbox
            .admin()
            .post("/api/contacts", Map.of("firstName", "Huge", "lastName", huge, "phone", phone));

    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("detail").asText()).contains("INBOX_MAX_REQUEST_BYTES");
    String digits = phone.substring(phone.length() - 7);
    assertThat(inbox.admin().get("/api/inbox/conversations?q=" + digits).json().get("items"))
        .isEmpty();
  }

  @Test
  void anOrdinaryBodyPasses() {
    var created =
        inbox
            .admin()
            .post(
                "/api/contacts",
                Map.of("firstName", "Small", "lastName", "Body", "phone", FreshNumbers.us()));
    assertThat(created.status()).isIn(200, 201);
  }

  @Test
  void aCallerHoldsAtMostFiveEventStreams() throws Exception {
    String token =
        HostCrmTokens.ofTheTestServers().admin().set("sub", "streams-" + System.nanoTime()).sign();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<HttpResponse<InputStream>> open = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        HttpResponse<InputStream> stream =
            http.send(events(token), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        open.add(stream);
      }
      HttpResponse<String> sixth = http.send(events(token), HttpResponse.BodyHandlers.ofString());
      assertThat(sixth.statusCode()).isEqualTo(429);
      assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
      assertThat(sixth.body()).contains("INBOX_EVENTS_MAX_STREAMS");
    } finally {
      for (HttpResponse<InputStream> stream : open) {
        stream.body().close();
      }
    }
  }

  private static HttpRequest events(String token) {
    return HttpRequest.newBuilder(URI.create(InboxClient.BASE + "/api/inbox/events"))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "text/event-stream")
        .timeout(Duration.ofSeconds(20))
        .GET()
        .build();
  }
}
