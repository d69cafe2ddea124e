package dev.smsinbox.adapter.smpp;

import java.util.logging.Logger;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.Session;
import org.jsmpp.session.SessionStateListener;

/** Whether the carrier link is bound now: readiness and the outbox look here. */
public class SmppLinkState implements SessionStateListener {

  private static final Logger LOG = Logger.getLogger(SmppLinkState.class.getName());

  private volatile SessionState state = SessionState.CLOSED;

  @Override
  public void onStateChange(SessionState newState, SessionState oldState, Session source) {
    state = newState;
    LOG.info(() -> "SMPP link " + oldState + " -> " + newState);
  }

  public boolean isBound() {
    return state.isBound();
  }

  public String describe() {
    return state.name();
  }
}
