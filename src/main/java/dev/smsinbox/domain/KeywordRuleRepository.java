package dev.smsinbox.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where each account's keyword rules are kept. Calls run inside the caller's unit of work. */
public interface KeywordRuleRepository {

  /** The account's rules by keyword, then number (every number first). */
  List<KeywordRule> list(String accountId);

  Optional<KeywordRule> find(String accountId, long id);

  /** The account's rules of that keyword (compared as keyword_key), whichever number. */
  List<KeywordRule> byKey(String accountId, String keywordKey);

  KeywordRule insert(String accountId, KeywordRule.Draft rule, Instant at);

  /** False when the account has no such rule. */
  boolean update(String accountId, long id, KeywordRule.Draft rule, Instant at);

  /** False when the account has no such rule. */
  boolean delete(String accountId, long id);
}
