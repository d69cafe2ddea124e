package dev.smsinbox.application.inbound;

import dev.smsinbox.application.ListCursor;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.ListPosition;
import dev.smsinbox.domain.UnreadableText;
import dev.smsinbox.domain.UnroutedSms;
import dev.smsinbox.domain.UnroutedSmsRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an admin sees of the SMS that are not in a conversation: those kept unrouted (sent to a
 * number of ours that takes no conversation) and those the filer could not file yet, with their
 * reasons; and trying one of the latter again.
 */
public class InboundReview {

  public static final int MAX_PAGE = 100;
  private static final int DEFAULT_PAGE = 30;

  /** A page of unrouted SMS, newest first, and where the next one starts (null at the end). */
  public record UnroutedPage(List<UnroutedSms> items, String nextCursor) {}

  /**
   * An acknowledged SMS that waits in the inbound journal because filing it failed.
   *
   * @param attempts how many attempts failed
   * @param error why the last one failed
   * @param retryAt when the filer tries again by itself
   */
  public record Unfiled(
      long id,
      String from,
      String to,
      String text,
      Instant receivedAt,
      int attempts,
      String error,
      Instant retryAt,
      UnreadableText unreadable) {

    static Unfiled of(InboundJournal.Entry entry) {
      InboundSms sms = entry.sms();
      return new Unfiled(
          entry.id(),
          sms.from(),
          sms.to(),
          sms.text(),
          sms.receivedAt(),
          entry.attempts(),
          entry.error(),
          entry.retryAt(),
          sms.unreadable());
    }
  }

  /** A page of unfiled SMS, latest received first, and where the next one starts. */
  public record UnfiledPage(List<Unfiled> items, String nextCursor) {}

  /**
   * What trying again did: filed (it is now in its conversation or among the unrouted SMS), or not,
   * with the new error and the next attempt.
   */
  public record Retried(long id, boolean filed, String error, int attempts, Instant retryAt) {}

  private final UnitOfWork unitOfWork;
  private final UnroutedSmsRepository unrouted;
  private final InboundFiler filer;

  public InboundReview(UnitOfWork unitOfWork, UnroutedSmsRepository unrouted, InboundFiler filer) {
    this.unitOfWork = unitOfWork;
    this.unrouted = unrouted;
    this.filer = filer;
  }

  /** The SMS to the account's numbers that no conversation took (one-way numbers, say). */
  public UnroutedPage unrouted(String accountId, Integer limit, String cursor) {
    int size = pageSize(limit);
    ListPosition after = ListCursor.decode(cursor);
    List<UnroutedSms> rows =
        unitOfWork.inTransaction(() -> unrouted.page(accountId, after, size + 1));
    if (rows.size() <= size) {
      return new UnroutedPage(rows, null);
    }
    UnroutedSms last = rows.get(size - 1);
    return new UnroutedPage(
        List.copyOf(rows.subList(0, size)),
        ListCursor.encode(new ListPosition(last.receivedAt(), last.id())));
  }

  public UnfiledPage unfiled(Integer limit, String cursor) {
    int size = pageSize(limit);
    ListPosition after = ListCursor.decode(cursor);
    List<Unfiled> rows = filer.unfiled(after, size + 1).stream().map(Unfiled::of).toList();
    if (rows.size() <= size) {
      return new UnfiledPage(rows, null);
    }
    Unfiled last = rows.get(size - 1);
    return new UnfiledPage(
        List.copyOf(rows.subList(0, size)),
        ListCursor.encode(new ListPosition(last.receivedAt(), last.id())));
  }

  /**
   * @throws RequestRefused NOT_FOUND when no unfiled SMS has this id
   */
  public Retried retry(long id) {
    Optional<InboundJournal.Entry> left = filer.retry(id);
    return left.map(e -> new Retried(id, false, e.error(), e.attempts(), e.retryAt()))
        .orElseGet(() -> new Retried(id, true, null, 0, null));
  }

  private static int pageSize(Integer limit) {
    int size = limit == null ? DEFAULT_PAGE : limit;
    if (size < 1 || size > MAX_PAGE) {
      throw RequestRefused.invalid("limit must be between 1 and " + MAX_PAGE + ".");
    }
    return size;
  }
}
