package dev.smsinbox.adapter.integrations;

import dev.smsinbox.application.assistant.SummarizeConversations;
import dev.smsinbox.application.keywords.ActOnKeywords;
import dev.smsinbox.application.port.InboxEventLog.StoredEvent;
import dev.smsinbox.application.port.InboxEvents;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;

/**
 * Every name of the integrators' contract (camel-routes/README.md) in one place: the event
 * endpoints a route listens on, the two hooks, the headers the inbox sets and reads, and the beans
 * it offers to routes. Integrators rely on these names: change one only with a migration note.
 */
public final class IntegratorContract {

  private IntegratorContract() {}

  /** The inbound hook: a listener of received SMS whose answer the inbox acts on. */
  public static final String INBOUND_HOOK = "hook.inbound";

  /** The outbound hook: asked before a message is queued; may veto it. */
  public static final String OUTBOUND_HOOK = "hook.outbound";

  // Headers the inbox sets on every event it hands to a route.
  static final String HEADER_EVENT = "SmsInboxEvent";
  static final String HEADER_EVENT_ID = "SmsInboxEventId";
  static final String HEADER_ATTEMPT = "SmsInboxAttempt";

  // Headers (or JSON fields of the same meaning) an inbound hook may answer with.
  static final String HEADER_TAG = "SmsInboxTag";
  static final String HEADER_REPLY = "SmsInboxReply";
  static final String HEADER_DROP = "SmsInboxDrop";

  /** The header (or JSON field {@code veto}) an outbound hook refuses a send with. */
  static final String HEADER_VETO = "SmsInboxVeto";

  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
  private static final Set<String> FINAL = Set.of("DELIVERED", "FAILED", "EXPIRED", "REJECTED");

  /** A contract event: its endpoint name, its stored type in the event log, which of those rows. */
  public record Event(String name, String storedType, Predicate<StoredEvent> which) {}

  /**
   * The stable names integrators listen on, as {@code direct:<name>} or {@code direct:<name>.x}.
   */
  public static final List<Event> EVENTS =
      List.of(
          new Event("sms.received", InboxEvents.MESSAGE_RECEIVED, e -> true),
          new Event(
              "sms.sent", InboxEvents.MESSAGE_STATUS, e -> status(e).equals(Optional.of("SENT"))),
          new Event(
              "sms.status",
              InboxEvents.MESSAGE_STATUS,
              e -> status(e).filter(FINAL::contains).isPresent()),
          new Event(ActOnKeywords.OPTED_OUT, ActOnKeywords.OPTED_OUT, e -> true),
          new Event(ActOnKeywords.OPTED_IN, ActOnKeywords.OPTED_IN, e -> true),
          new Event(InboxEvents.AUTOMATION_ENROLLED, InboxEvents.AUTOMATION_ENROLLED, e -> true),
          new Event("conversation.summarized", SummarizeConversations.EVENT, e -> true),
          new Event(INBOUND_HOOK, InboxEvents.MESSAGE_RECEIVED, e -> true));

  /** Beans routes may call by name ({@code #bean:hmacSigner}, {@code #bean:chatText}). */
  public static void bindHelpers(CamelContext context) {
    context.getRegistry().bind("hmacSigner", new HmacSigner());
    context.getRegistry().bind("chatText", new ChatText());
  }

  /** The contract event a route listens to, from its {@code from} endpoint; empty for others. */
  static Optional<Event> eventOf(String endpointUri) {
    return directName(endpointUri)
        .flatMap(
            key ->
                EVENTS.stream()
                    .filter(c -> key.equals(c.name()) || key.startsWith(c.name() + "."))
                    .findFirst());
  }

  /** Whether a route's {@code from} endpoint is the outbound hook or a name under it. */
  static boolean isOutboundHook(String endpointUri) {
    return directName(endpointUri)
        .filter(key -> key.equals(OUTBOUND_HOOK) || key.startsWith(OUTBOUND_HOOK + "."))
        .isPresent();
  }

  /** {@code direct:x}, {@code direct://x?…} → {@code x}; empty for other components. */
  private static Optional<String> directName(String endpointUri) {
    if (endpointUri == null || !endpointUri.startsWith("direct:")) {
      return Optional.empty();
    }
    String name = endpointUri.substring("direct:".length());
    if (name.startsWith("//")) {
      name = name.substring(2);
    }
    int query = name.indexOf('?');
    return Optional.of(query < 0 ? name : name.substring(0, query));
  }

  private static Optional<String> status(StoredEvent event) {
    Matcher m = STATUS.matcher(event.payload());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * Headers that save a route from parsing the body for the usual tests: who wrote, to which
   * number, what, in which conversation.
   */
  static Map<String, Object> headersOf(StoredEvent event) {
    Map<String, Object> headers = new HashMap<>();
    JsonObject body;
    try (var reader = Json.createReader(new StringReader(event.payload()))) {
      body = reader.readObject();
    } catch (RuntimeException e) {
      return headers;
    }
    if (body.get("conversationId") instanceof JsonNumber n) {
      headers.put("SmsInboxConversationId", n.longValue());
    }
    if (body.get("from") instanceof JsonString from) {
      headers.put("SmsInboxFrom", from.getString());
    }
    if (body.get("to") instanceof JsonString to) {
      headers.put("SmsInboxTo", to.getString());
    }
    if (body.get("message") instanceof JsonObject message) {
      if (message.get("id") instanceof JsonNumber id) {
        headers.put("SmsInboxMessageId", id.longValue());
      }
      if (message.get("text") instanceof JsonString text) {
        headers.put("SmsInboxText", text.getString());
      }
    }
    return headers;
  }
}
