package dev.smsinbox.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where each account's saved replies are kept. Calls run inside the caller's unit of work. */
public interface SnippetRepository {

  /** The account's snippets by name. */
  List<Snippet> list(String accountId);

  Optional<Snippet> find(String accountId, long id);

  Optional<Snippet> findByName(String accountId, String name);

  Snippet insert(String accountId, String name, String text, Instant at);

  /** False when the account has no such snippet. */
  boolean update(String accountId, long id, String name, String text, Instant at);

  /** False when the account has no such snippet. */
  boolean delete(String accountId, long id);
}
