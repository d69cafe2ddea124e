package dev.smsinbox.runtime;

import dev.smsinbox.sms.DefaultAlphabet;
import java.time.Duration;
import java.util.Locale;

/** How we bind to the carrier's SMSC and pace what we send (SMPP_* settings). */
public record LinkSettings(
    String host,
    int port,
    String systemId,
    String password,
    String systemType,
    boolean receiverAndTransmitter,
    int enquireLinkMs,
    int transactionMs,
    int reconnectDelayMs,
    int rebindFirstDelayMs,
    int rebindMaxDelayMs,
    int submitTps,
    int submitWindow,
    int receiveThreads,
    int receiveWriters,
    boolean packGsm,
    DefaultAlphabet defaultAlphabet,
    String routesDir,
    boolean microProfileConfig) {

  static LinkSettings from(InboxConfig config) {
    String bindType = config.get("smpp.bind-type", "TRX").toUpperCase(Locale.ROOT);
    if (!bindType.equals("TRX") && !bindType.equals("RX_TX")) {
      throw new IllegalStateException(
          "Setting smpp.bind-type (SMPP_BIND_TYPE) must be TRX or RX_TX, not '" + bindType + "'");
    }
    return new LinkSettings(
        config.get("smpp.host", "127.0.0.1"),
        config.getInt("smpp.port", 2775),
        config.get("smpp.system-id", "smsinbox"),
        config.get("smpp.password", ""),
        config.get("smpp.system-type", ""),
        bindType.equals("RX_TX"),
        config.getInt("smpp.enquire-link-ms", 30_000),
        config.getInt("smpp.transaction-ms", 10_000),
        config.getInt("smpp.reconnect-delay-ms", 2_000),
        (int) config.getDuration("smpp.rebind-first-delay", Duration.ofSeconds(10)).toMillis(),
        (int) config.getDuration("smpp.rebind-max-delay", Duration.ofMinutes(5)).toMillis(),
        config.getInt("smpp.submit-tps", 50),
        config.getInt("smpp.submit-window", 10),
        config.getInt("smpp.receive-threads", 32),
        config.getInt("smpp.receive-writers", 1),
        config.getBoolean("smpp.pack-gsm", false),
        DefaultAlphabet.valueOf(
            config.get("smpp.default-alphabet", "GSM7").toUpperCase(Locale.ROOT)),
        config.get("camel.routes.dir", "camel-routes"),
        true);
  }

  /** A link to a local SMSC with defaults, for running the core outside the server. */
  public static LinkSettings local(int port, int submitTps) {
    return new LinkSettings(
        "127.0.0.1",
        port,
        "smsinbox",
        "",
        "",
        false,
        30_000,
        10_000,
        1_000,
        5_000,
        60_000,
        submitTps,
        10,
        32,
        1,
        false,
        DefaultAlphabet.GSM7,
        null,
        false);
  }

  /** The same link with another number of receiving threads and inbound writers. */
  public LinkSettings withReceiving(int threads, int writers) {
    return new LinkSettings(
        host,
        port,
        systemId,
        password,
        systemType,
        receiverAndTransmitter,
        enquireLinkMs,
        transactionMs,
        reconnectDelayMs,
        rebindFirstDelayMs,
        rebindMaxDelayMs,
        submitTps,
        submitWindow,
        threads,
        writers,
        packGsm,
        defaultAlphabet,
        routesDir,
        microProfileConfig);
  }
}
