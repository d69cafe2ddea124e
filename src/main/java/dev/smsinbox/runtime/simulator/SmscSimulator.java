package dev.smsinbox.runtime.simulator;

import dev.smsinbox.sms.SmsComposer;
import dev.smsinbox.sms.SmsPart;
import dev.smsinbox.support.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;

/**
 * A small SMSC for the demo run and the black-box tests; see the package documentation.
 *
 * <p>Typical use: {@code new SmscSimulator(0).start()}, point the app at {@link #port()}, wait for
 * {@link #isBound()}, then {@link #deliver} customer texts and read {@link #submissions()}. All
 * methods are safe to call from any thread while sessions are running.
 */
public final class SmscSimulator implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SmscSimulator.class.getName());

  /** The system_id the simulator answers binds with. */
  public static final String SYSTEM_ID = "SMSCSIM";

  /** How long a connection may stay open without binding (the SMPP session init timer). */
  private static final long BIND_TIMEOUT_MILLIS = 10_000;

  private static final byte ESM_CLASS_UDHI = 0x40;

  private final int requestedPort;
  private final ListeningSocket socket;
  private final SimulatorSettings settings = new SimulatorSettings();
  private final SubmissionLog submissionLog = new SubmissionLog();
  private final AtomicInteger concatenationRef =
      new AtomicInteger(ThreadLocalRandom.current().nextInt(256));

  private volatile boolean closed;
  private SimulatorSessions sessions;
  private SMPPServerSessionListener listener;
  private ScheduledThreadPoolExecutor scheduler;
  private ExecutorService binders;

  /**
   * A simulator listening on the loopback interface.
   *
   * @param port TCP port, 0 for any free one (read it back with {@link #port()} after start)
   */
  public SmscSimulator(int port) {
    this(InetAddress.getLoopbackAddress(), port);
  }

  /**
   * A simulator listening on one interface; pass the wildcard address to accept connections from
   * other machines (it accepts any password, so only on a trusted network).
   */
  public SmscSimulator(InetAddress bindAddress, int port) {
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    this.requestedPort = port;
    this.socket = new ListeningSocket(Objects.requireNonNull(bindAddress, "bindAddress"));
  }

  /**
   * Opens the port and accepts connections on a background thread.
   *
   * @throws UncheckedIOException when the port cannot be opened (for example it is taken)
   * @throws IllegalStateException when already started or closed
   */
  public synchronized SmscSimulator start() {
    if (listener != null || closed) {
      throw new IllegalStateException("the simulator can be started once");
    }
    SMPPServerSessionListener l;
    try {
      l = new SMPPServerSessionListener(requestedPort, socket);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "SMSC simulator cannot listen on port " + requestedPort + ": " + e.getMessage(), e);
    }
    int port = socket.localPort();
    sessions = new SimulatorSessions(port);
    scheduler =
        new ScheduledThreadPoolExecutor(2, DaemonThreads.numbered("smsc-sim-receipts-" + port));
    scheduler.setRemoveOnCancelPolicy(true);
    binders = Executors.newCachedThreadPool(DaemonThreads.numbered("smsc-sim-bind-" + port));
    SubmitReceiver receiver =
        new SubmitReceiver(
            settings, submissionLog, new ReceiptWriter(sessions, settings, scheduler));
    l.setSessionStateListener(sessions);
    l.setMessageReceiverListener(receiver);
    l.setResponseDeliveryListener(receiver);
    listener = l;
    Thread acceptor = DaemonThreads.numbered("smsc-sim-accept-" + port).newThread(this::acceptLoop);
    acceptor.start();
    LOG.info(() -> "SMSC simulator: listening on port " + port);
    return this;
  }

  /** The port listened on; before {@link #start()}, the port asked for. */
  public int port() {
    int port = socket.localPort();
    return port < 0 ? requestedPort : port;
  }

  /** Whether at least one ESME session is bound with a receiving bind (transceiver or receiver). */
  public boolean isBound() {
    SimulatorSessions s = sessions;
    return s != null && s.isBound();
  }

  /**
   * Waits until {@link #isBound()}; for callers without Awaitility (the demo run).
   *
   * @return whether a receiving bind arrived in time (false also when interrupted)
   */
  public boolean awaitBound(Duration timeout) {
    SimulatorSessions s = started();
    try {
      return s.awaitBound(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Binds accepted since start, of any type; a test sees an ESME's rebind as this growing. */
  public int bindCount() {
    SimulatorSessions s = sessions;
    return s == null ? 0 : s.bindCount();
  }

  /**
   * Delivers a customer's text to the bound ESME, the way a carrier does: encoded and split by the
   * product's codec (GSM 03.38 one septet per octet, else UCS-2), multi-part texts with a UDH under
   * one 8-bit reference that changes with every call. A number given as {@code +<digits>} goes out
   * as the digits with TON 1 (international), NPI 1, as carriers send it. All parts go to the same
   * session (to one bind after the other when {@link #setSpreadDeliveries spreading}), each waiting
   * for its deliver_sm_resp.
   *
   * @return 0 (ESME_ROK) when every part was accepted, else the first non-zero command_status
   * @throws IllegalStateException when no ESME is bound with a receiving bind, the link fails, or
   *     the ESME does not answer a part within 10 seconds
   * @throws IllegalArgumentException for an empty text or one longer than 255 parts
   */
  public int deliver(String from, String to, String text) {
    List<SmsPart> parts = SmsComposer.split(text, concatenationRef.getAndIncrement() & 0xFF, false);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("an empty text is not an SMS; use deliverRaw to send one");
    }
    SimulatorSessions s = started();
    // Spread: each part to the next bind, as a carrier with several binds may deliver them.
    SMPPServerSession target = s.spreading() ? null : s.receiver();
    int firstFailure = 0;
    for (SmsPart part : parts) {
      int status =
          s.deliver(
              target,
              SmppAddress.of(from),
              SmppAddress.of(to),
              part.udhi() ? ESM_CLASS_UDHI : 0,
              part.dataCoding(),
              part.shortMessage());
      if (status != 0 && firstFailure == 0) {
        firstFailure = status;
      }
    }
    int result = firstFailure;
    // A line per delivery, so it is priced like one: no format parsing and, by naming its source,
    // no stack walk (a load test runs thousands a second through here).
    LOG.logp(
        Level.INFO,
        SmscSimulator.class.getName(),
        "deliver",
        () ->
            "SMSC simulator: customer text from "
                + from
                + " to "
                + to
                + " delivered ("
                + text.length()
                + " chars, "
                + parts.size()
                + (parts.size() == 1 ? " part, " : " parts, ")
                + parts.get(0).encoding()
                + "): status 0x"
                + (result < 0x10 ? "0" : "")
                + Integer.toHexString(result).toUpperCase(Locale.ROOT));
    return result;
  }

  /**
   * Spreads what the simulator delivers over every receiving bind in turn, each deliver_sm (each
   * part of a long text too) to the next one, as a carrier that gave several binds to one account
   * does; off (the default), everything goes to the newest bind. Receipts still go back over the
   * bind the message was submitted on.
   */
  public void setSpreadDeliveries(boolean on) {
    started().spread(on);
  }

  /** How many ESME sessions are bound now with a receiving bind (transceiver or receiver). */
  public int receivingBinds() {
    SimulatorSessions s = sessions;
    return s == null ? 0 : s.receivingSessions();
  }

  /**
   * Sends one deliver_sm exactly as given, for byte-level tests; addresses are handled as in {@link
   * #deliver}.
   *
   * @return the deliver_sm_resp command_status (0 = ESME_ROK)
   * @throws IllegalStateException as {@link #deliver}
   */
  public int deliverRaw(
      String from,
      String to,
      byte dataCoding,
      byte esmClass,
      byte[] shortMessage,
      OptionalParameter... tlvs) {
    int status =
        started()
            .deliver(
                null,
                SmppAddress.of(from),
                SmppAddress.of(to),
                esmClass,
                dataCoding,
                shortMessage,
                tlvs);
    LOG.info(
        () ->
            String.format(
                "SMSC simulator: raw deliver_sm from %s to %s (data_coding 0x%02X, esm_class"
                    + " 0x%02X, %d octets, %d TLVs): status 0x%02X",
                from, to, dataCoding, esmClass, shortMessage.length, tlvs.length, status));
    return status;
  }

  /**
   * What the ESME submitted, newest first, at most the newest 1,000. A concatenated message shows
   * up once all its parts are in, as one submission.
   */
  public List<Submission> submissions() {
    return submissionLog.snapshot();
  }

  /** Delay before a receipt is sent (default 300 ms); applies to receipts scheduled afterwards. */
  public void setReceiptDelay(Duration delay) {
    settings.receiptDelay(delay);
  }

  /**
   * Whether the receipt of each submit from now on is sent, and answered, before its submit_sm_resp
   * (default false: after it), as SMSCs that report at once do.
   */
  public void setReceiptBeforeSubmitResp(boolean on) {
    settings.receiptBeforeAnswer(on);
  }

  /** Whether submits asking for a receipt get one (default true). */
  public void setReceiptsEnabled(boolean on) {
    settings.receiptsEnabled(on);
  }

  /**
   * The stat of receipts for submits from now on (default "DELIVRD"); one of ENROUTE, DELIVRD,
   * EXPIRED, DELETED, UNDELIV, ACCEPTD, UNKNOWN, REJECTD. Any stat but DELIVRD is sent with
   * dlvrd:000 and err:001.
   */
  public void setReceiptState(String stat) {
    settings.receiptState(stat);
  }

  /**
   * Answers every submit_sm with this command_status, e.g. 0x58 (ESME_RTHROTTLED); null accepts
   * submits again.
   */
  public void setRejectSubmitsWith(Integer commandStatus) {
    settings.rejectSubmitsWith(commandStatus);
  }

  /**
   * Answers submit_sm to this number (any format) with this command_status, e.g. 0x58
   * (ESME_RTHROTTLED), while other numbers' submits are taken; null takes them again.
   */
  public void setRejectSubmitsTo(String destination, Integer commandStatus) {
    settings.rejectSubmitsTo(destination, commandStatus);
  }

  /**
   * Takes submit_sm to this number (logged, receipt as usual) but writes the submit_sm_resp only
   * after {@code delay}: longer than the ESME's transaction timer, the ESME never learns the
   * outcome. Null or zero answers at once again.
   */
  public void setSubmitAnswerDelayTo(String destination, Duration delay) {
    settings.answerDelayTo(destination, delay);
  }

  /** Closes every session without an unbind, as a link outage would; the port stays open. */
  public void disconnectAll() {
    SimulatorSessions s = sessions;
    if (s != null) {
      s.disconnectAll();
    }
  }

  /** Stops listening and closes every session; pending receipts are dropped. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (listener != null) {
      try {
        listener.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing the listening socket failed", e);
      }
      sessions.disconnectAll();
      scheduler.shutdownNow();
      binders.shutdownNow();
    }
    LOG.info(() -> "SMSC simulator: closed port " + port());
  }

  private SimulatorSessions started() {
    SimulatorSessions s = sessions;
    if (s == null) {
      throw new IllegalStateException(
          "No ESME is bound to the simulator: it has not been started (call start())");
    }
    return s;
  }

  private void acceptLoop() {
    while (!closed) {
      SMPPServerSession session;
      try {
        session = listener.accept();
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        if (closed || socket.isClosed()) {
          return;
        }
        LOG.log(Level.WARNING, "SMSC simulator: accepting a connection failed", e);
        continue;
      }
      if (closed) {
        session.close();
        return;
      }
      sessions.opened(session);
      try {
        binders.execute(() -> awaitBind(session));
      } catch (RuntimeException e) {
        session.close();
      }
    }
  }

  private void awaitBind(SMPPServerSession session) {
    try {
      BindRequest request = session.waitForBind(BIND_TIMEOUT_MILLIS);
      // Any system_id and password: the simulator is for demos and tests only.
      request.accept(SYSTEM_ID, InterfaceVersion.IF_34);
      sessions.add(session, request.getSystemId(), request.getBindType());
      if (closed) {
        session.close();
      }
    } catch (TimeoutException e) {
      LOG.info(
          () ->
              "SMSC simulator: a connection sent no bind within "
                  + BIND_TIMEOUT_MILLIS
                  + " ms and was closed");
    } catch (Exception e) {
      LOG.log(Level.WARNING, "SMSC simulator: bind failed", e);
      session.close();
    }
  }

  /**
   * One message the ESME submitted.
   *
   * @param messageIds the ids given to its parts, in part order (decimal strings)
   * @param from source_addr as the ESME sent it
   * @param to destination_addr as the ESME sent it
   * @param text the decoded text, parts joined
   * @param parts how many submit_sm made it
   * @param at when the last part arrived
   * @param receipt the receipt stat (e.g. "DELIVRD") once every due receipt was acknowledged; null
   *     before that, or when no receipt was due
   * @param pdus each part's PDU fields, in part order
   */
  public record Submission(
      List<String> messageIds,
      String from,
      String to,
      String text,
      int parts,
      Instant at,
      String receipt,
      List<PduRecord> pdus) {

    public Submission {
      messageIds = List.copyOf(messageIds);
      pdus = List.copyOf(pdus);
    }
  }

  /** The fields of one submit_sm as received; {@code shortMessage} includes any UDH. */
  public record PduRecord(
      String messageId,
      byte dataCoding,
      byte esmClass,
      byte registeredDelivery,
      byte[] shortMessage) {

    public PduRecord {
      shortMessage = shortMessage.clone();
    }

    @Override
    public byte[] shortMessage() {
      return shortMessage.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof PduRecord that
          && messageId.equals(that.messageId)
          && dataCoding == that.dataCoding
          && esmClass == that.esmClass
          && registeredDelivery == that.registeredDelivery
          && Arrays.equals(shortMessage, that.shortMessage);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          messageId, dataCoding, esmClass, registeredDelivery, Arrays.hashCode(shortMessage));
    }

    @Override
    public String toString() {
      return String.format(
          "PduRecord[%s dcs=0x%02X esm=0x%02X rd=0x%02X %s]",
          messageId,
          dataCoding,
          esmClass,
          registeredDelivery,
          HexFormat.of().formatHex(shortMessage));
    }
  }
}
