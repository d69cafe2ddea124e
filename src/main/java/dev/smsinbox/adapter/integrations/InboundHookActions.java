package dev.smsinbox.adapter.integrations;

import dev.smsinbox.application.Caller;
import dev.smsinbox.application.contacts.ContactPanel;
import dev.smsinbox.application.outbound.SendReply;
import dev.smsinbox.application.port.InboxEventLog.StoredEvent;
import dev.smsinbox.application.port.IntegratorDeliveries;
import dev.smsinbox.application.port.IntegratorDeliveries.HookAnswer;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Conversation;
import dev.smsinbox.domain.ConversationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.apache.camel.Message;

/**
 * Does what an inbound hook route answered about a received SMS (camel-routes/README.md, "Hooks"):
 * {@code tag} adds a tag to the contact, {@code reply} sends an automatic reply through the same
 * checks as an admin's (opt-out, credits, the outbound hook), {@code drop} records that the
 * integrator set the message aside, with its reason. Every answer that asks for something is kept
 * in integrator_hook_answer and logged: nothing happens to a message unseen.
 */
@ApplicationScoped
public class InboundHookActions implements InboundHookAnswers {

  private static final Logger LOG = Logger.getLogger(InboundHookActions.class.getName());

  @Inject IntegratorDeliveries deliveries;
  @Inject UnitOfWork unitOfWork;
  @Inject ConversationRepository conversations;
  @Inject ContactPanel panel;
  @Inject SendReply sendReply;
  @Inject Clock clock;

  @Override
  public void act(String routeId, StoredEvent event, Message answer) {
    JsonObject body = jsonObject(answer.getBody(String.class));
    String tag = field(answer, body, IntegratorContract.HEADER_TAG, "tag");
    String reply = field(answer, body, IntegratorContract.HEADER_REPLY, "reply");
    String drop = field(answer, body, IntegratorContract.HEADER_DROP, "drop");
    if (tag == null && reply == null && drop == null) {
      return;
    }
    JsonObject received = jsonObject(event.payload());
    long conversationId = received.getJsonNumber("conversationId").longValue();
    long messageId = received.getJsonObject("message").getJsonNumber("id").longValue();
    deliveries.recordHookAnswer(
        new HookAnswer(routeId, event.id(), messageId, tag, reply, drop), clock.instant());
    LOG.info(
        () ->
            "Inbound hook "
                + routeId
                + " on message "
                + messageId
                + ":"
                + (tag == null ? "" : " tag '" + tag + "'")
                + (reply == null ? "" : " reply of " + reply.length() + " characters")
                + (drop == null ? "" : " drop (" + drop + ")"));
    Conversation conversation =
        unitOfWork.inTransaction(() -> conversations.findHeader(conversationId)).orElseThrow();
    // The route acts in the account of the SMS it heard, and the audit names it.
    Caller route =
        new Caller(
            "route:" + routeId,
            "Integrator route " + routeId,
            null,
            conversation.accountId(),
            Set.of(),
            Optional.empty());
    if (tag != null) {
      panel.addTag(route, conversation.contact().id(), tag);
    }
    if (reply != null && drop == null) {
      sendReply.reply(route, conversationId, reply);
    }
  }

  /** A header wins over the body's field of the same meaning; blank means absent. */
  private static String field(Message answer, JsonObject body, String header, String key) {
    String value = answer.getHeader(header, String.class);
    if ((value == null || value.isBlank()) && body != null) {
      JsonValue v = body.get(key);
      value = v instanceof JsonString s ? s.getString() : null;
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static JsonObject jsonObject(String text) {
    if (text == null || !text.strip().startsWith("{")) {
      return null;
    }
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      return null;
    }
  }
}
