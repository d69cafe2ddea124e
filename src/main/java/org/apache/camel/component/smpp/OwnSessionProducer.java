package org.apache.camel.component.smpp;

import java.util.function.Supplier;
import org.jsmpp.session.SMPPSession;

/**
 * camel-smpp's producer with a session the inbox builds
 * (dev.smsinbox.adapter.smpp.AnsweringSessions): camel-smpp makes its sessions in a package-private
 * method with jSMPP's own PDU reader, and that reader lets a PDU jSMPP cannot decode go unanswered.
 * Only that method is replaced; this class sits in camel-smpp's package because that is the only
 * way to override it.
 */
public class OwnSessionProducer extends SmppProducer {

  private final Supplier<SMPPSession> sessions;

  public OwnSessionProducer(
      SmppEndpoint endpoint, SmppConfiguration configuration, Supplier<SMPPSession> sessions) {
    super(endpoint, configuration);
    this.sessions = sessions;
  }

  @Override
  SMPPSession createSMPPSession() {
    return sessions.get();
  }
}
