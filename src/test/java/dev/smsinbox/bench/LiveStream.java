package dev.smsinbox.bench;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;

/**
 * The admin's live stream as the screens hold it: a launch from the host CRM ({@code GET
 * /launch?jwt=}) gives the session cookie, with which {@code GET /api/inbox/events} is read line by
 * line, as EventSource does. Each {@code message.received} whose text carries a benchmark number
 * ({@link TimedDeliveries#text}) is timed with System.nanoTime as its data line is read, in the JVM
 * that also sent its deliver_sm, so the two times are on one clock.
 */
final class LiveStream implements AutoCloseable {

  private final AtomicLongArray arrivals;
  private final AtomicBoolean live = new AtomicBoolean();
  private final InputStream body;

  private LiveStream(InputStream body, int capacity) {
    this.body = body;
    this.arrivals = new AtomicLongArray(capacity);
  }

  /**
   * Launches the screens with the host CRM's {@code token} and answers the session's cookie ({@code
   * name=value}), as the browser keeps it.
   */
  static String launch(String base, String token) throws Exception {
    HttpResponse<Void> launch =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            base
                                + "/launch?jwt="
                                + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    String cookie =
        launch
            .headers()
            .firstValue("Set-Cookie")
            .orElseThrow(
                () -> new IllegalStateException("the launch answered " + launch.statusCode()));
    return cookie.substring(0, cookie.indexOf(';'));
  }

  /**
   * Opens the stream with the session {@code cookie} and waits until it is live (its first unread
   * count came).
   *
   * @param capacity how many benchmark numbers it can time (0 … capacity - 1)
   */
  static LiveStream open(String base, String cookie, int capacity) throws Exception {
    HttpResponse<InputStream> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/api/inbox/events"))
                    .header("Accept", "text/event-stream")
                    .header("Cookie", cookie)
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the live stream answered " + response.statusCode());
    }
    LiveStream stream = new LiveStream(response.body(), capacity);
    Thread reader = new Thread(stream::read, "bench-live-stream");
    reader.setDaemon(true);
    reader.start();
    await("the live stream's first unread count")
        .atMost(Duration.ofSeconds(30))
        .until(stream.live::get);
    return stream;
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String event = "";
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          if ("message.received".equals(event)) {
            long now = System.nanoTime();
            Matcher m = TimedDeliveries.NUMBERED.matcher(line);
            if (m.find()) {
              int n = Integer.parseInt(m.group(1));
              if (n < arrivals.length()) {
                arrivals.compareAndSet(n, 0, now);
              }
            }
          } else if ("unread.count".equals(event)) {
            live.set(true);
          }
        } else if (line.isEmpty()) {
          event = "";
        }
      }
    } catch (IOException e) {
      // closed: the benchmark is over
    }
  }

  /** When message {@code n}'s event was read (System.nanoTime), 0 while it has not been. */
  long arrival(int n) {
    return arrivals.get(n);
  }

  /** How many of the messages {@code from} … {@code to - 1} have had their event. */
  int arrived(int from, int to) {
    int count = 0;
    for (int n = from; n < to; n++) {
      if (arrivals.get(n) != 0) {
        count++;
      }
    }
    return count;
  }

  /**
   * Waits (at most {@code atMost}) until every message {@code from} … {@code to - 1} had its event.
   */
  void awaitAll(int from, int to, Duration atMost) {
    try {
      await()
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> arrived(from, to) == to - from);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      System.out.printf(
          "  (only %d of %d events came within %s)%n", arrived(from, to), to - from, atMost);
    }
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
