package dev.smsinbox.adapter.integrations;

import jakarta.json.Json;
import org.apache.camel.Exchange;

/**
 * A helper for integrators' routes, {@code bean: {ref: chatText}} (stable, see
 * camel-routes/README.md): turns the text in header {@value #TEXT_HEADER} into the body most chat
 * webhooks take (Slack, Mattermost, Rocket.Chat, Google Chat), {@code {"text": "…"}}, escaped as
 * JSON whatever the customer wrote.
 */
public final class ChatText {

  public static final String TEXT_HEADER = "ChatText";

  public void toBody(Exchange exchange) {
    String text = exchange.getMessage().getHeader(TEXT_HEADER, String.class);
    exchange.getMessage().removeHeader(TEXT_HEADER);
    exchange
        .getMessage()
        .setBody(
            Json.createObjectBuilder().add("text", text == null ? "" : text).build().toString());
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
  }
}
