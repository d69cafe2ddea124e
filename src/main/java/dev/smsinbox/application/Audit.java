package dev.smsinbox.application;

import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.AuditEntry;
import dev.smsinbox.domain.AuditLog;
import java.time.Clock;
import java.util.List;

/**
 * Who did what (CONTRACT "Who did what"): each change a person or the CRM makes is recorded, in the
 * transaction that makes it, with its actor; an admin reads their account's entries newest first.
 */
public class Audit {

  public static final int MAX_PAGE = 200;

  /** A page of entries and the cursor of the next (older) one; null when there is none. */
  public record Page(List<AuditEntry> items, String nextCursor) {}

  private final UnitOfWork unitOfWork;
  private final AuditLog log;
  private final Clock clock;

  public Audit(UnitOfWork unitOfWork, AuditLog log, Clock clock) {
    this.unitOfWork = unitOfWork;
    this.log = log;
    this.clock = clock;
  }

  /** Records a change inside the caller's unit of work: it is kept only if the change is. */
  public void record(
      Caller caller, String action, Long contactId, Long conversationId, String detail) {
    log.record(
        caller.accountId(),
        caller.actor(),
        action,
        contactId,
        conversationId,
        detail,
        clock.instant());
  }

  public Page page(Caller caller, Integer limit, String cursor) {
    int size = limit == null ? 50 : limit;
    if (size < 1 || size > MAX_PAGE) {
      throw RequestRefused.invalid("limit must be between 1 and " + MAX_PAGE + ".");
    }
    Long before = null;
    if (cursor != null && !cursor.isBlank()) {
      try {
        before = Long.parseLong(cursor.strip());
      } catch (NumberFormatException e) {
        throw RequestRefused.invalid(
            "cursor '" + cursor + "' is not one this inbox gave out; use nextCursor as given.");
      }
    }
    Long after = before;
    List<AuditEntry> rows =
        unitOfWork.inTransaction(() -> log.page(caller.accountId(), after, size + 1));
    if (rows.size() <= size) {
      return new Page(rows, null);
    }
    List<AuditEntry> page = List.copyOf(rows.subList(0, size));
    return new Page(page, Long.toString(page.get(size - 1).id()));
  }
}
