package dev.smsinbox.runtime.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.SessionStateListener;

/**
 * The ESME sessions bound to the simulator and the one way a deliver_sm reaches them.
 *
 * <p>Sessions are kept in bind order in a copy-on-write list: binds and closes are rare, while
 * every deliver reads the list. A session leaves the list when jSMPP reports it closed.
 */
final class SimulatorSessions implements SessionStateListener {

  private static final Logger LOG = Logger.getLogger(SimulatorSessions.class.getName());

  /**
   * How long a deliver_sm waits for its response. Generous, because the app answers only after
   * committing the message to its database, which can be slow on a cold start.
   */
  static final long RESPONSE_TIMEOUT_MILLIS = 10_000;

  /** A bound session and who bound it. */
  record Bound(SMPPServerSession session, String systemId, BindType bindType) {
    boolean canReceive() {
      return session.getSessionState().isReceivable();
    }
  }

  private final List<Bound> bound = new CopyOnWriteArrayList<>();

  /** Every open connection, bound or still waiting to bind, so a shutdown can close them all. */
  private final Set<SMPPServerSession> open = ConcurrentHashMap.newKeySet();

  private final AtomicInteger bindCount = new AtomicInteger();

  /**
   * Round-robin over the receiving sessions instead of the newest (a carrier with several binds).
   */
  private volatile boolean spread;

  private final AtomicInteger turn = new AtomicInteger();
  private final Object bindMonitor = new Object();
  private final int port;

  SimulatorSessions(int port) {
    this.port = port;
  }

  /** A connection was accepted; it is not bound yet. */
  void opened(SMPPServerSession session) {
    open.add(session);
  }

  void add(SMPPServerSession session, String systemId, BindType bindType) {
    session.setTransactionTimer(RESPONSE_TIMEOUT_MILLIS);
    bound.add(new Bound(session, systemId, bindType));
    int count = bindCount.incrementAndGet();
    LOG.info(
        () ->
            String.format(
                "SMSC simulator: %s from system_id '%s' at %s:%d accepted (bind #%d since start)",
                bindType,
                systemId,
                session.getInetAddress().getHostAddress(),
                session.getPort(),
                count));
    synchronized (bindMonitor) {
      bindMonitor.notifyAll();
    }
  }

  @Override
  public void onStateChange(SessionState newState, SessionState oldState, Session source) {
    if (newState == SessionState.CLOSED) {
      open.remove(source);
      bound.removeIf(b -> b.session() == source);
      if (oldState.isBound() || oldState == SessionState.UNBOUND) {
        LOG.info(
            () ->
                String.format(
                    "SMSC simulator: session %s closed (was %s)", source.getSessionId(), oldState));
      }
    }
  }

  int bindCount() {
    return bindCount.get();
  }

  void spread(boolean on) {
    spread = on;
  }

  boolean spreading() {
    return spread;
  }

  /** How many sessions are bound now with a receiving bind. */
  int receivingSessions() {
    return (int) bound.stream().filter(Bound::canReceive).count();
  }

  boolean isBound() {
    return bound.stream().anyMatch(Bound::canReceive);
  }

  boolean awaitBound(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (bindMonitor) {
      while (!isBound()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        // Wakes on every bind; the bounded wait also covers a session whose state flips late.
        bindMonitor.wait(Math.max(1, Math.min(left / 1_000_000, 50)));
      }
      return true;
    }
  }

  /** Closes every connection without an unbind, as a cut link would. */
  void disconnectAll() {
    for (Bound b : bound) {
      LOG.info(
          () ->
              String.format(
                  "SMSC simulator: disconnecting %s session of system_id '%s'",
                  b.bindType(), b.systemId()));
    }
    for (SMPPServerSession session : open) {
      open.remove(session);
      bound.removeIf(b -> b.session() == session);
      session.close();
    }
  }

  /**
   * Sends one deliver_sm and waits for its response.
   *
   * @param preferred the session to use when it can still receive (a receipt goes back where the
   *     message was submitted); null or unusable means the newest receiving session, preferring one
   *     of the same system_id
   * @return the deliver_sm_resp command_status
   * @throws IllegalStateException when no session can receive, the link fails, or no response comes
   *     within {@link #RESPONSE_TIMEOUT_MILLIS}
   */
  int deliver(
      SMPPServerSession preferred,
      SmppAddress source,
      SmppAddress destination,
      byte esmClass,
      byte dataCoding,
      byte[] shortMessage,
      OptionalParameter... tlvs) {
    Bound target = pick(preferred);
    try {
      target
          .session()
          .deliverShortMessage(
              "",
              ton(source),
              npi(source),
              source.address(),
              ton(destination),
              npi(destination),
              destination.address(),
              new ESMClass(esmClass),
              (byte) 0,
              (byte) 0,
              new RegisteredDelivery(0),
              new RawDataCoding(dataCoding),
              shortMessage,
              tlvs);
      return 0;
    } catch (NegativeResponseException e) {
      return e.getCommandStatus();
    } catch (ResponseTimeoutException e) {
      throw new IllegalStateException(
          "The ESME (system_id '"
              + target.systemId()
              + "') sent no deliver_sm_resp within "
              + RESPONSE_TIMEOUT_MILLIS
              + " ms",
          e);
    } catch (PDUException | InvalidResponseException | IOException e) {
      LOG.log(Level.FINE, "deliver_sm failed", e);
      throw new IllegalStateException(
          "deliver_sm to system_id '" + target.systemId() + "' failed: " + e.getMessage(), e);
    }
  }

  // An ESME may submit with a TON/NPI jSMPP has no constant for; a receipt echoes it as unknown.
  private static TypeOfNumber ton(SmppAddress address) {
    try {
      return TypeOfNumber.valueOf(address.ton());
    } catch (IllegalArgumentException e) {
      return TypeOfNumber.UNKNOWN;
    }
  }

  private static NumberingPlanIndicator npi(SmppAddress address) {
    try {
      return NumberingPlanIndicator.valueOf(address.npi());
    } catch (IllegalArgumentException e) {
      return NumberingPlanIndicator.UNKNOWN;
    }
  }

  /**
   * The session a deliver without a preference would use, so all parts of one text can go to it.
   *
   * @throws IllegalStateException when no session can receive
   */
  SMPPServerSession receiver() {
    return pick(null).session();
  }

  private Bound pick(SMPPServerSession preferred) {
    Bound origin = null;
    for (Bound b : bound) {
      if (b.session() == preferred) {
        origin = b;
      }
    }
    if (origin != null && origin.canReceive()) {
      return origin;
    }
    if (spread && origin == null) {
      List<Bound> receiving = bound.stream().filter(Bound::canReceive).toList();
      if (!receiving.isEmpty()) {
        return receiving.get(Math.floorMod(turn.getAndIncrement(), receiving.size()));
      }
    }
    Bound newest = null;
    Bound newestSameSystem = null;
    for (Bound b : bound) {
      if (b.canReceive()) {
        newest = b;
        if (origin != null && Objects.equals(origin.systemId(), b.systemId())) {
          newestSameSystem = b;
        }
      }
    }
    if (newestSameSystem != null) {
      return newestSameSystem;
    }
    if (newest == null) {
      throw new IllegalStateException(
          "No ESME is bound to the simulator on port "
              + port
              + " with a receiving bind (bind_transceiver or bind_receiver); wait until"
              + " isBound() or awaitBound(..) is true before delivering");
    }
    return newest;
  }
}
