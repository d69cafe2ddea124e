package dev.smsinbox.adapter.integrations;

import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.support.DaemonThreads;
import dev.smsinbox.support.Masked;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;

/**
 * The outbound hook (camel-routes/README.md, "Hooks"): before a message is queued, every route on
 * {@code direct:hook.outbound} (or a name under it) is asked, with a time limit; one that answers
 * {@code {"veto": "reason"}} or sets header {@code SmsInboxVeto} refuses the send with that reason,
 * which the screen shows. A route that fails or is too slow does not stop the send (fail-open):
 * logged and counted.
 */
@ApplicationScoped
public class OutboundHookGuard implements MessageHooks.SendGuard {

  private static final Logger LOG = Logger.getLogger(OutboundHookGuard.class.getName());

  @Inject CamelContext context;
  @Inject IntegratorSettings settings;
  @Inject IntegratorTelemetry telemetry;

  private final ExecutorService calls =
      Executors.newCachedThreadPool(DaemonThreads.named("integrator-outbound-hook"));
  private volatile ProducerTemplate producer;

  @Override
  public void check(Contact contact, SenderNumber number, String text) {
    if (!context.isStarted()) {
      return;
    }
    List<Route> hooks =
        context.getRoutes().stream()
            .filter(r -> IntegratorContract.isOutboundHook(r.getEndpoint().getEndpointUri()))
            .toList();
    if (hooks.isEmpty()) {
      return;
    }
    String body =
        Json.createObjectBuilder()
            .add("to", contact.phone())
            .add("from", number.number())
            .add("text", text)
            .add("contactId", contact.id())
            .build()
            .toString();
    Duration timeout = settings.outboundHookTimeout();
    for (Route hook : hooks) {
      String veto = ask(context, hook, body, timeout);
      if (veto != null) {
        LOG.info(
            () ->
                "Outbound hook "
                    + hook.getRouteId()
                    + " refused a send to "
                    + Masked.phone(contact.phone())
                    + ": "
                    + veto);
        throw RequestRefused.conflict(veto);
      }
    }
  }

  /**
   * @return the veto's reason, or null to let the send go
   */
  private String ask(CamelContext context, Route hook, String body, Duration timeout) {
    ProducerTemplate template = producer(context);
    String uri = hook.getEndpoint().getEndpointUri();
    Future<Exchange> call =
        calls.submit(
            () ->
                template.send(
                    uri,
                    exchange -> {
                      exchange.getMessage().setBody(body);
                      exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                    }));
    Exchange done;
    try {
      done = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      return failOpen(hook, "no answer within " + timeout.toMillis() + " ms", null);
    } catch (ExecutionException e) {
      return failOpen(hook, e.getCause().toString(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failOpen(hook, "interrupted", e);
    }
    if (done.getException() != null) {
      return failOpen(hook, done.getException().toString(), done.getException());
    }
    String veto = done.getMessage().getHeader(IntegratorContract.HEADER_VETO, String.class);
    if (veto == null || veto.isBlank()) {
      veto = vetoInBody(done.getMessage().getBody(String.class));
    }
    return veto == null || veto.isBlank() ? null : veto.strip();
  }

  private String failOpen(Route hook, String why, Throwable cause) {
    LOG.log(
        Level.WARNING,
        "Outbound hook " + hook.getRouteId() + " failed (" + why + "); the send goes ahead",
        cause);
    telemetry.outboundHookFailed(hook.getRouteId());
    return null;
  }

  private static String vetoInBody(String text) {
    if (text == null || !text.strip().startsWith("{")) {
      return null;
    }
    try (var reader = Json.createReader(new StringReader(text))) {
      JsonObject answer = reader.readObject();
      return answer.get("veto") instanceof JsonString s ? s.getString() : null;
    } catch (JsonException | IllegalStateException e) {
      return null;
    }
  }

  private ProducerTemplate producer(CamelContext context) {
    ProducerTemplate p = producer;
    if (p == null || p.getCamelContext() != context) {
      synchronized (this) {
        if (producer == null || producer.getCamelContext() != context) {
          producer = context.createProducerTemplate();
        }
        p = producer;
      }
    }
    return p;
  }

  @PreDestroy
  void close() {
    calls.shutdownNow();
  }
}
