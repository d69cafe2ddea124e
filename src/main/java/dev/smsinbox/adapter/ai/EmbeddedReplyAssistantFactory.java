package dev.smsinbox.adapter.ai;

import dev.smsinbox.application.port.ConfigScope;
import dev.smsinbox.application.port.ExtensionContext;
import dev.smsinbox.application.port.ReplyAssistant;
import dev.smsinbox.application.port.ReplyAssistantFactory;

/** {@code ai.provider=embedded} (the default): offline, no settings of its own. */
public class EmbeddedReplyAssistantFactory implements ReplyAssistantFactory {

  public static final String ID = "embedded";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void init(ConfigScope config) {}

  @Override
  public ReplyAssistant create(ExtensionContext inbox) {
    return new EmbeddedReplyAssistant();
  }
}
