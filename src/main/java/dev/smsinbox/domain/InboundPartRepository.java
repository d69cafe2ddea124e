package dev.smsinbox.domain;

import java.time.Instant;
import java.util.List;

/** Parts of concatenated inbound SMS waiting for the rest of their set. */
public interface InboundPartRepository {

  /** One waiting part; the key is sender, our number, reference and total. */
  record WaitingPart(
      String from,
      String to,
      int reference,
      int total,
      int sequence,
      String text,
      String encoding,
      Instant receivedAt) {}

  /** Stores the part; a part already stored (an SMSC redelivery) is kept once. */
  void save(WaitingPart part);

  List<WaitingPart> set(String from, String to, int reference, int total);

  void deleteSet(String from, String to, int reference, int total);

  /** Sets whose first part arrived before {@code before}: their keys and first arrival. */
  List<WaitingPart> staleSets(Instant before, int limit);
}
