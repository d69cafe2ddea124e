package dev.smsinbox.adapter.integrations;

import dev.smsinbox.application.port.InboxEventLog.StoredEvent;
import org.apache.camel.Message;

/** Acts on what an inbound hook route answered about a received SMS (tag, reply, drop). */
interface InboundHookAnswers {

  void act(String routeId, StoredEvent event, Message answer);

  InboundHookAnswers IGNORE = (routeId, event, answer) -> {};
}
