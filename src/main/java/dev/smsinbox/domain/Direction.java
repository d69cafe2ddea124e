package dev.smsinbox.domain;

/** Which way a message travelled: from a customer to us, or from us to a customer. */
public enum Direction {
  INBOUND,
  OUTBOUND
}
