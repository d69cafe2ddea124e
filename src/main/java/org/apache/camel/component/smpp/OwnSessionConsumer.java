package org.apache.camel.component.smpp;

import java.util.function.Supplier;
import org.apache.camel.Processor;
import org.jsmpp.session.SMPPSession;

/** camel-smpp's consumer with a session the inbox builds; see {@link OwnSessionProducer}. */
public class OwnSessionConsumer extends SmppConsumer {

  private final Supplier<SMPPSession> sessions;

  public OwnSessionConsumer(
      SmppEndpoint endpoint,
      SmppConfiguration configuration,
      Processor processor,
      Supplier<SMPPSession> sessions) {
    super(endpoint, configuration, processor);
    this.sessions = sessions;
  }

  @Override
  SMPPSession createSMPPSession() {
    return sessions.get();
  }
}
