package dev.smsinbox.adapter.ai;

import dev.smsinbox.application.port.ReplyAssistant;

/** {@code ai.provider=embedded} (the default): offline, no settings of its own. */
public class EmbeddedReplyAssistantFactory implements ReplyAssistant.Factory {

  public static final String ID = "embedded";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ReplyAssistant create(ReplyAssistant.Scope config) {
    return new EmbeddedReplyAssistant();
  }
}
