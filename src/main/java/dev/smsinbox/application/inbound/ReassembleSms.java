package dev.smsinbox.application.inbound;

import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.InboundPartRepository;
import dev.smsinbox.domain.InboundPartRepository.Saved;
import dev.smsinbox.domain.InboundPartRepository.WaitingPart;
import dev.smsinbox.domain.UnreadableText;
import dev.smsinbox.sms.Concatenation;
import dev.smsinbox.sms.Unreadable;
import dev.smsinbox.support.Masked;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Concatenated SMS arrive a part at a time, in any order, possibly across binds and restarts. Each
 * part is checked as a whole SMS is (our number, a sender, a size the inbox stores) and committed
 * as it arrives, so it may be acknowledged; the part that completes its set puts the whole message
 * in the inbound journal. A set still incomplete after the timeout is journaled with what arrived,
 * marked incomplete, rather than lost. A set that cannot be journaled is set aside on its own and
 * tried again later, never holding up the sets behind it; a part the carrier delivers again after
 * its set was filed is recognised, not filed as a fragment.
 */
public class ReassembleSms {

  /**
   * The longest part the inbox keeps while it waits for the rest (the parts' body column), in
   * characters, or octets when unreadable. A longer one is refused before it is acknowledged.
   */
  public static final int MAX_PART = 10_000;

  private static final Logger LOG = Logger.getLogger(ReassembleSms.class.getName());
  private static final String GAP = " […] ";

  /** How long a set that could not be filed waits before the next attempt. */
  static final Duration SET_ASIDE = Duration.ofMinutes(10);

  private static final int STALE_BATCH = 100;

  private final UnitOfWork unitOfWork;
  private final InboundPartRepository parts;
  private final ReceiveSms receiveSms;
  private final Duration timeout;
  private final Clock clock;
  // Serialises the parts of one set inside this instance before they wait for the set's lock in
  // the database (which serialises them across instances), so two last parts arriving together
  // cannot both miss the completed set and waiting parts hold no connection here.
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

  /** How often incomplete sets are looked for: a quarter of the timeout, 1 s to 1 min. */
  public Duration lookEvery() {
    Duration quarter = timeout.dividedBy(4);
    if (quarter.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return quarter.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : quarter;
  }

  /**
   * Keeps one part; journals the message when this part completes the set.
   *
   * @throws RequestRefused as {@link ReceiveSms#admit} does, and TOO_LARGE for a part longer than
   *     {@link #MAX_PART} or one that would make its message longer than the inbox stores
   */
  public void receivePart(InboundSms arrived, Concatenation concatenation) {
    InboundSms part;
    try {
      part = receiveSms.admit(arrived);
    } catch (RequestRefused refused) {
      if (refused.reason() == RequestRefused.Reason.NOT_FOUND) {
        receiveSms.telemetry.notOurNumber();
      }
      throw refused;
    }
    WaitingPart waiting =
        new WaitingPart(
            part.from(),
            part.to(),
            concatenation.reference(),
            concatenation.total(),
            concatenation.sequence(),
            part.text(),
            part.encoding(),
            part.receivedAt(),
            part.unreadable());
    if (waiting.length() > MAX_PART) {
      throw RequestRefused.tooLarge(
          "Part "
              + concatenation.sequence()
              + " of "
              + concatenation.total()
              + " has "
              + waiting.length()
              + (part.unreadable() == null ? " characters" : " octets")
              + "; the inbox keeps parts of at most "
              + MAX_PART
              + " while the rest of their message arrives.");
    }
    Object lock =
        locks[
            Math.floorMod(
                (part.from() + part.to() + concatenation.reference()).hashCode(), locks.length)];
    synchronized (lock) {
      unitOfWork.run(
          () -> {
            parts.lockSet(part.from(), part.to(), concatenation.reference(), concatenation.total());
            Saved saved = parts.save(waiting);
            if (saved == Saved.ALREADY_FILED) {
              LOG.info(
                  () ->
                      "Part "
                          + concatenation.sequence()
                          + " of "
                          + concatenation.total()
                          + " from "
                          + Masked.phone(part.from())
                          + " is a redelivery of a message already filed; kept once");
              return;
            }
            List<WaitingPart> set =
                parts.set(part.from(), part.to(), concatenation.reference(), concatenation.total());
            int length =
                set.stream().mapToInt(WaitingPart::length).sum()
                    + GAP.length() * concatenation.total();
            if (length > InboundSms.MAX_TEXT) {
              // Rolls the part back: refused, as it could never be filed with its set.
              throw RequestRefused.tooLarge(
                  "With part "
                      + concatenation.sequence()
                      + " the message would be longer than the "
                      + InboundSms.MAX_TEXT
                      + " characters the inbox stores.");
            }
            if (set.size() == concatenation.total()) {
              file(set, false);
            }
          });
    }
  }

  /**
   * Journals every set that has waited longer than the timeout, each in its own transaction; one
   * that fails is set aside with its error and tried again after {@link #SET_ASIDE}, the others go
   * on. Also forgets the parts of sets filed long enough ago that no redelivery is expected.
   *
   * @return how many sets were journaled
   */
  public int fileIncompleteSets() {
    Instant now = clock.instant();
    Duration keepFiled =
        timeout.compareTo(receiveSms.duplicateWindow) > 0 ? timeout : receiveSms.duplicateWindow;
    unitOfWork.inTransaction(() -> parts.purgeFiled(now.minus(keepFiled)));
    int filed = 0;
    List<WaitingPart> stale;
    do {
      stale = unitOfWork.inTransaction(() -> parts.staleSets(now.minus(timeout), now, STALE_BATCH));
      for (WaitingPart key : stale) {
        if (fileIncomplete(key, now)) {
          filed++;
        }
      }
      // Each set of the batch is filed or set aside beyond now, so the next batch holds others.
    } while (stale.size() == STALE_BATCH);
    return filed;
  }

  private boolean fileIncomplete(WaitingPart key, Instant now) {
    try {
      return unitOfWork.inTransaction(
          () -> {
            // Under the set's lock: a last part arriving meanwhile (on any instance) files it
            // whole, or waits and finds it filed; two instances' timeouts file it once.
            parts.lockSet(key.from(), key.to(), key.reference(), key.total());
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
            // Empty: another instance's timeout (or the last part) filed it meanwhile.
            return !set.isEmpty();
          });
    } catch (UnitOfWork.Unavailable | VirtualMachineError e) {
      throw e;
    } catch (RuntimeException | Error failure) {
      Instant retryAt = now.plus(SET_ASIDE);
      LOG.log(
          Level.SEVERE,
          "Concatenated SMS from "
              + key.from()
              + " to "
              + key.to()
              + " (reference "
              + key.reference()
              + ") could not be filed; set aside until "
              + retryAt
              + ", the other sets go on",
          failure);
      unitOfWork.run(
          () ->
              parts.setAside(
                  key.from(), key.to(), key.reference(), key.total(), retryAt, failure.toString()));
      return false;
    }
  }

  private void file(List<WaitingPart> set, boolean incomplete) {
    WaitingPart first = set.get(0);
    boolean unreadable = set.stream().anyMatch(p -> p.unreadable() != null);
    boolean wholly = set.stream().allMatch(p -> p.unreadable() != null);
    StringBuilder text = new StringBuilder();
    ByteArrayOutputStream octets = new ByteArrayOutputStream();
    int dataCoding = -1;
    int expected = 1;
    for (WaitingPart p : set) {
      if (p.sequence() != expected) {
        text.append(GAP);
      }
      if (p.unreadable() != null) {
        octets.writeBytes(p.unreadable().bytes());
        dataCoding = dataCoding < 0 ? p.unreadable().dataCoding() : dataCoding;
        // Beside read text, an unreadable part is said where it was.
        text.append(wholly ? "" : "[" + p.text() + "]");
      } else {
        text.append(p.text());
      }
      expected = p.sequence() + 1;
    }
    if (incomplete && expected <= first.total()) {
      text.append(GAP);
    }
    UnreadableText kept = unreadable ? UnreadableText.of(dataCoding, octets.toByteArray()) : null;
    String body = wholly ? Unreadable.describe(dataCoding, kept.octets()) : text.toString();
    boolean ucs2 = set.stream().anyMatch(p -> "UCS2".equals(p.encoding()));
    Instant at = clock.instant();
    parts.markFiled(first.from(), first.to(), first.reference(), first.total(), at);
    receiveSms.journalAcknowledged(
        new InboundSms(
            first.from(),
            first.to(),
            body,
            first.total(),
            ucs2 ? "UCS2" : "GSM7",
            set.stream().map(WaitingPart::receivedAt).max(Comparator.naturalOrder()).orElseThrow(),
            incomplete,
            kept));
  }
}
