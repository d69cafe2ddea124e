package dev.smsinbox.domain;

import java.time.Instant;
import java.util.List;

/** Where each account's audit entries are kept. Calls run inside the caller's unit of work. */
public interface AuditLog {

  void record(
      String accountId,
      Actor actor,
      String action,
      Long contactId,
      Long conversationId,
      String detail,
      Instant at);

  /** The account's entries newest first, those before {@code beforeId} when it is given. */
  List<AuditEntry> page(String accountId, Long beforeId, int limit);
}
