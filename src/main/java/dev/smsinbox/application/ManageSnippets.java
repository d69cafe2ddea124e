package dev.smsinbox.application;

import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.MergeFields;
import dev.smsinbox.domain.Snippet;
import dev.smsinbox.domain.SnippetRepository;
import java.time.Clock;
import java.util.List;

/**
 * An account's saved replies (issue 21): named texts the composer offers after "/", whose merge
 * fields are expanded when the reply is previewed and sent. Names are unique within an account
 * (case ignored), so "/welcome" finds one.
 */
public class ManageSnippets {

  public static final int MAX_NAME = 100;
  public static final int MAX_TEXT = 2000;

  private final UnitOfWork unitOfWork;
  private final SnippetRepository snippets;
  private final Audit audit;
  private final Clock clock;

  public ManageSnippets(
      UnitOfWork unitOfWork, SnippetRepository snippets, Audit audit, Clock clock) {
    this.unitOfWork = unitOfWork;
    this.snippets = snippets;
    this.audit = audit;
    this.clock = clock;
  }

  public List<Snippet> all(Caller caller) {
    return unitOfWork.inTransaction(() -> snippets.list(caller.accountId()));
  }

  /** The account's snippet; another account's is not found. */
  public Snippet find(Caller caller, long id) {
    return unitOfWork.inTransaction(
        () -> snippets.find(caller.accountId(), id).orElseThrow(() -> notFound(id)));
  }

  public Snippet create(Caller caller, String name, String text) {
    String n = checkName(name);
    String t = checkText(text);
    return unitOfWork.inTransaction(
        () -> {
          refuseTakenName(caller, n, null);
          Snippet saved = snippets.insert(caller.accountId(), n, t, clock.instant());
          audit.record(caller, "snippet.created", null, null, "Saved reply '" + n + "'");
          return saved;
        });
  }

  public Snippet update(Caller caller, long id, String name, String text) {
    String n = checkName(name);
    String t = checkText(text);
    return unitOfWork.inTransaction(
        () -> {
          snippets.find(caller.accountId(), id).orElseThrow(() -> notFound(id));
          refuseTakenName(caller, n, id);
          var at = clock.instant();
          snippets.update(caller.accountId(), id, n, t, at);
          audit.record(caller, "snippet.updated", null, null, "Saved reply '" + n + "'");
          return new Snippet(id, n, t, at);
        });
  }

  public void delete(Caller caller, long id) {
    unitOfWork.inTransaction(
        () -> {
          Snippet gone = snippets.find(caller.accountId(), id).orElseThrow(() -> notFound(id));
          snippets.delete(caller.accountId(), id);
          audit.record(caller, "snippet.deleted", null, null, "Saved reply '" + gone.name() + "'");
          return null;
        });
  }

  private void refuseTakenName(Caller caller, String name, Long except) {
    snippets
        .findByName(caller.accountId(), name)
        .filter(other -> except == null || other.id() != except)
        .ifPresent(
            other -> {
              throw RequestRefused.conflict(
                  "A saved reply is already named '" + other.name() + "'; choose another name.");
            });
  }

  private static String checkName(String name) {
    if (name == null || name.isBlank()) {
      throw RequestRefused.invalid("name is empty: give the saved reply a name.");
    }
    String n = name.strip();
    if (n.length() > MAX_NAME) {
      throw RequestRefused.invalid("name is longer than " + MAX_NAME + " characters.");
    }
    return n;
  }

  private static String checkText(String text) {
    if (text == null || text.isBlank()) {
      throw RequestRefused.invalid("text is empty: write the reply to save.");
    }
    if (text.length() > MAX_TEXT) {
      throw RequestRefused.invalid("text is longer than " + MAX_TEXT + " characters.");
    }
    List<String> unknown = MergeFields.unknown(text);
    if (!unknown.isEmpty()) {
      throw RequestRefused.invalid(
          "Unknown merge field {{"
              + unknown.get(0)
              + "}}; the fields are "
              + String.join(", ", MergeFields.KNOWN.stream().map(f -> "{{" + f + "}}").toList())
              + ", each with an optional fallback: {{contact.firstName|there}}.");
    }
    return text;
  }

  private static RequestRefused notFound(long id) {
    return RequestRefused.notFound("There is no saved reply " + id + ".");
  }
}
