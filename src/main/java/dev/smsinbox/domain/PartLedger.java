package dev.smsinbox.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the carrier said of each outbound part: first that it is being submitted (QUEUED, no SMSC
 * id: committed before the submit_sm, so a part whose answer never came is known and never sent
 * blindly again), then the SMSC's id when it accepted the submit, then the status its delivery
 * receipts report. A message's own status follows from its parts ({@link DeliveryProgress}). Calls
 * run inside the caller's unit of work.
 */
public interface PartLedger {

  /** The part is about to be submitted: to be committed before its submit_sm goes. */
  void recordSubmitting(long messageId, int partNumber, Instant at);

  /** The SMSC refused the part, so it was not carried: it may be submitted again later. */
  void forgetSubmitting(long messageId, int partNumber);

  /** The SMSC accepted the part under this id: recorded SENT at once, so a restart skips it. */
  void recordPartSent(long messageId, int partNumber, String smscMessageId, Instant at);

  /** The part the SMSC gave this id to, trying each spelling of the id. */
  Optional<OutboundPart> findPartBySmscId(List<String> smscIdSpellings);

  void updatePart(long messageId, int partNumber, MessageStatus status, String error, Instant at);

  /**
   * The message's parts in part order: those the SMSC accepted, and those being submitted or whose
   * answer never came (status QUEUED, no SMSC id).
   */
  List<OutboundPart> parts(long messageId);
}
