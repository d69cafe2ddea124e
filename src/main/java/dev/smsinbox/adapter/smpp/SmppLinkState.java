package dev.smsinbox.adapter.smpp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.Session;
import org.jsmpp.session.SessionStateListener;

/** Whether the carrier link is bound now: readiness and the outbox look here. */
public class SmppLinkState implements SessionStateListener {

  private static final Logger LOG = Logger.getLogger(SmppLinkState.class.getName());

  private volatile SessionState state = SessionState.CLOSED;
  private final List<Runnable> onBound = new CopyOnWriteArrayList<>();
  private final List<Runnable> onLost = new CopyOnWriteArrayList<>();

  @Override
  public void onStateChange(SessionState newState, SessionState oldState, Session source) {
    state = newState;
    LOG.info(() -> "SMPP link " + oldState + " -> " + newState);
    if (newState.isBound() && !oldState.isBound()) {
      onBound.forEach(Runnable::run);
    }
    if (!newState.isBound() && oldState.isBound()) {
      onLost.forEach(Runnable::run);
    }
  }

  /** Runs {@code action} each time a bound link is lost. */
  public void onLost(Runnable action) {
    onLost.add(action);
  }

  /** Runs {@code action} each time the link becomes bound (e.g. to drain the outbox at once). */
  public void onBound(Runnable action) {
    onBound.add(action);
  }

  public boolean isBound() {
    return state.isBound();
  }

  public String describe() {
    return state.name();
  }
}
