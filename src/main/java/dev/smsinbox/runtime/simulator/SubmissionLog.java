package dev.smsinbox.runtime.simulator;

import dev.smsinbox.runtime.simulator.SmscSimulator.Submission;
import dev.smsinbox.sms.Concatenation;
import dev.smsinbox.sms.InboundDecoder;
import dev.smsinbox.sms.InboundPart;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * What the ESME submitted, joined into whole messages.
 *
 * <p>Parts of a concatenated message may arrive in any order and on several PDU threads, so parts
 * wait here, keyed by sender, recipient, reference and part count, until all are in. Both the
 * waiting parts and the finished submissions are capped, newest kept, so a long demo run or a
 * misbehaving ESME cannot grow memory without bound. One lock guards both: contention is a few PDUs
 * at a time, and a snapshot must not see a message half-moved.
 */
final class SubmissionLog {

  private static final Logger LOG = Logger.getLogger(SubmissionLog.class.getName());

  static final int CAPACITY = 1_000;

  private record Key(String from, String to, int reference, int total) {}

  private record Completed(List<SubmittedPart> parts, String text) {}

  private final Deque<Completed> completed = new ArrayDeque<>();
  private final Map<Key, Map<Integer, SubmittedPart>> assembling = new LinkedHashMap<>();

  /**
   * Records a part; returns the joined text when it completes a message (a single-part message
   * completes at once), else null.
   */
  synchronized String add(SubmittedPart part) {
    Concatenation c = part.decoded().concatenation();
    if (c == null || c.total() == 1) {
      return complete(List.of(part));
    }
    Key key =
        new Key(part.source().address(), part.destination().address(), c.reference(), c.total());
    Map<Integer, SubmittedPart> parts = assembling.computeIfAbsent(key, k -> new TreeMap<>());
    SubmittedPart replaced = parts.put(c.sequence(), part);
    if (replaced != null) {
      LOG.info(
          () ->
              String.format(
                  "SMSC simulator: part %d/%d of ref %d resubmitted; id %s replaces %s",
                  c.sequence(), c.total(), c.reference(), part.messageId(), replaced.messageId()));
    }
    if (parts.size() < c.total()) {
      evictOldestAssembly();
      return null;
    }
    assembling.remove(key);
    return complete(new ArrayList<>(parts.values()));
  }

  /** Newest first. */
  synchronized List<Submission> snapshot() {
    List<Submission> out = new ArrayList<>(completed.size());
    for (Completed c : completed) {
      out.add(toSubmission(c));
    }
    return out;
  }

  private String complete(List<SubmittedPart> parts) {
    // Parts come in sequence order: the assembly map is sorted by part number.
    List<InboundPart> decoded = parts.stream().map(SubmittedPart::decoded).toList();
    String text = parts.size() == 1 ? parts.get(0).decoded().text() : InboundDecoder.join(decoded);
    completed.addFirst(new Completed(List.copyOf(parts), text));
    while (completed.size() > CAPACITY) {
      completed.removeLast();
    }
    return text;
  }

  private void evictOldestAssembly() {
    if (assembling.size() <= CAPACITY) {
      return;
    }
    Iterator<Map.Entry<Key, Map<Integer, SubmittedPart>>> oldest = assembling.entrySet().iterator();
    Map.Entry<Key, Map<Integer, SubmittedPart>> dropped = oldest.next();
    oldest.remove();
    LOG.warning(
        () ->
            String.format(
                "SMSC simulator: dropped incomplete message %s after %d waiting messages",
                dropped.getKey(), CAPACITY));
  }

  private static Submission toSubmission(Completed c) {
    SubmittedPart first = c.parts().get(0);
    SubmittedPart last = first;
    List<String> ids = new ArrayList<>();
    List<SmscSimulator.PduRecord> pdus = new ArrayList<>();
    boolean anyDue = false;
    boolean allSent = true;
    String stat = null;
    for (SubmittedPart p : c.parts()) {
      ids.add(p.messageId());
      pdus.add(p.pdu());
      if (p.at().isAfter(last.at())) {
        last = p;
      }
      if (p.receiptDue()) {
        anyDue = true;
        String sent = p.receipt().sent();
        allSent &= sent != null;
        stat = stat == null ? sent : stat;
      }
    }
    return new Submission(
        ids,
        first.source().address(),
        first.destination().address(),
        c.text(),
        c.parts().size(),
        last.at(),
        anyDue && allSent ? stat : null,
        pdus);
  }
}
