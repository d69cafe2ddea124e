package dev.smsinbox.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** SMS to our numbers that no conversation takes (see {@link UnroutedSms}). */
public interface UnroutedSmsRepository {

  /** One about to be stored; {@code fingerprint} is what a redelivery has in common with it. */
  record NewUnroutedSms(
      String from,
      String to,
      String text,
      int segments,
      String encoding,
      boolean incomplete,
      Instant receivedAt,
      String reason,
      UnreadableText unreadable,
      String fingerprint) {}

  /** Stores them in the order given. */
  List<UnroutedSms> insertAll(List<NewUnroutedSms> sms);

  /** The latest stored at or after {@code since} with each fingerprint, by fingerprint. */
  Map<String, UnroutedSms> findByFingerprints(Collection<String> fingerprints, Instant since);

  /** Newest first, starting after {@code after} (null: the newest). */
  List<UnroutedSms> page(String accountId, ListPosition after, int limit);

  void markKeywordEvent(long id, KeywordEvent event);
}
