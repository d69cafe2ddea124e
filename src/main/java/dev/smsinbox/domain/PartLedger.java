package dev.smsinbox.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the carrier said of each outbound part: the SMSC's id when it accepted the submit, then the
 * status its delivery receipts report. A message's own status follows from its parts ({@link
 * DeliveryProgress}). Calls run inside the caller's unit of work.
 */
public interface PartLedger {

  /** The SMSC accepted the part under this id: recorded SENT at once, so a restart skips it. */
  void recordPartSent(long messageId, int partNumber, String smscMessageId, Instant at);

  /** The part the SMSC gave this id to, trying each spelling of the id. */
  Optional<OutboundPart> findPartBySmscId(List<String> smscIdSpellings);

  void updatePart(long messageId, int partNumber, MessageStatus status, String error, Instant at);

  /** The message's parts the SMSC accepted, in part order. */
  List<OutboundPart> parts(long messageId);
}
