package dev.smsinbox.application.inbound;

import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.InboundPartRepository;
import dev.smsinbox.domain.InboundPartRepository.WaitingPart;
import dev.smsinbox.sms.Concatenation;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

/**
 * Concatenated SMS arrive a part at a time, in any order, possibly across binds and restarts. Each
 * part is committed as it arrives (so it may be acknowledged); the part that completes its set
 * files the whole message. A set still incomplete after the timeout is filed with what arrived,
 * marked incomplete, rather than lost.
 */
public class ReassembleSms {

  private static final Logger LOG = Logger.getLogger(ReassembleSms.class.getName());
  private static final String GAP = " […] ";

  private final UnitOfWork unitOfWork;
  private final InboundPartRepository parts;
  private final ReceiveSms receiveSms;
  private final Duration timeout;
  private final Clock clock;
  // Serialises the parts of one set inside this instance, so two last parts arriving together
  // cannot both miss the completed set.
  private final Object[] locks = new Object[64];

  public ReassembleSms(
      UnitOfWork unitOfWork,
      InboundPartRepository parts,
      ReceiveSms receiveSms,
      Duration timeout,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.parts = parts;
    this.receiveSms = receiveSms;
    this.timeout = timeout;
    this.clock = clock;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /** Keeps one part; files the message when this part completes the set. */
  public void receivePart(InboundSms part, Concatenation concatenation) {
    Object lock =
        locks[
            Math.floorMod(
                (part.from() + part.to() + concatenation.reference()).hashCode(), locks.length)];
    synchronized (lock) {
      unitOfWork.run(
          () -> {
            parts.save(
                new WaitingPart(
                    part.from(),
                    part.to(),
                    concatenation.reference(),
                    concatenation.total(),
                    concatenation.sequence(),
                    part.text(),
                    part.encoding(),
                    part.receivedAt()));
            List<WaitingPart> set =
                parts.set(part.from(), part.to(), concatenation.reference(), concatenation.total());
            if (set.size() == concatenation.total()) {
              file(set, false);
            }
          });
    }
  }

  /** Files every set that has waited longer than the timeout. @return how many were filed */
  public int fileIncompleteSets() {
    List<WaitingPart> stale =
        unitOfWork.inTransaction(() -> parts.staleSets(clock.instant().minus(timeout), 100));
    for (WaitingPart key : stale) {
      unitOfWork.run(
          () -> {
            List<WaitingPart> set = parts.set(key.from(), key.to(), key.reference(), key.total());
            if (!set.isEmpty()) {
              LOG.warning(
                  () ->
                      "Concatenated SMS from "
                          + key.from()
                          + " filed incomplete: "
                          + set.size()
                          + " of "
                          + key.total()
                          + " parts arrived");
              file(set, true);
            }
          });
    }
    return stale.size();
  }

  private void file(List<WaitingPart> set, boolean incomplete) {
    WaitingPart first = set.get(0);
    StringBuilder text = new StringBuilder();
    int expected = 1;
    for (WaitingPart p : set) {
      if (p.sequence() != expected) {
        text.append(GAP);
      }
      text.append(p.text());
      expected = p.sequence() + 1;
    }
    if (incomplete && expected <= first.total()) {
      text.append(GAP);
    }
    boolean ucs2 = set.stream().anyMatch(p -> "UCS2".equals(p.encoding()));
    parts.deleteSet(first.from(), first.to(), first.reference(), first.total());
    receiveSms.accept(
        new InboundSms(
            first.from(),
            first.to(),
            text.toString(),
            first.total(),
            ucs2 ? "UCS2" : "GSM7",
            set.stream().map(WaitingPart::receivedAt).max(Comparator.naturalOrder()).orElseThrow(),
            incomplete));
  }
}
