package dev.smsinbox.adapter.smpp;

import dev.smsinbox.sms.DefaultAlphabet;

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
    DefaultAlphabet defaultAlphabet) {

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
        DefaultAlphabet.GSM7);
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
        defaultAlphabet);
  }
}
