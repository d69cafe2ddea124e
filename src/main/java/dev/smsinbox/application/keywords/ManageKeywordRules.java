package dev.smsinbox.application.keywords;

import dev.smsinbox.application.Audit;
import dev.smsinbox.application.Caller;
import dev.smsinbox.application.contacts.ContactPanel;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.RequestRefused.Reason;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.KeywordRule;
import dev.smsinbox.domain.KeywordRuleRepository;
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.domain.SenderNumberRepository;
import dev.smsinbox.domain.crm.Automation;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An account's keyword rules (issue 20), kept by its admins: "when a customer texts JOIN, enrol
 * them in automation X", on every number of the account or only one, with a reply or without. A
 * keyword may not be one of the opt-out keywords (STOP, START, HELP …) of the countries of the
 * account's numbers, which always win; one rule a keyword for every number and one for each number.
 */
public class ManageKeywordRules {

  public static final int MAX_REPLY = 1000;

  /** A rule as the admin wrote it. */
  public record Written(String keyword, Long automationId, Long numberId, String reply) {}

  private final UnitOfWork unitOfWork;
  private final KeywordRuleRepository rules;
  private final SenderNumberRepository numbers;
  private final KeywordSettings optOutKeywords;
  private final ContactPanel panel;
  private final Audit audit;
  private final Clock clock;

  public ManageKeywordRules(
      UnitOfWork unitOfWork,
      KeywordRuleRepository rules,
      SenderNumberRepository numbers,
      KeywordSettings optOutKeywords,
      ContactPanel panel,
      Audit audit,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.rules = rules;
    this.numbers = numbers;
    this.optOutKeywords = optOutKeywords;
    this.panel = panel;
    this.audit = audit;
    this.clock = clock;
  }

  public List<KeywordRule> all(Caller caller) {
    return unitOfWork.inTransaction(() -> rules.list(caller.accountId()));
  }

  /** The account's rule; another account's is not found. */
  public KeywordRule find(Caller caller, long id) {
    return unitOfWork.inTransaction(
        () -> rules.find(caller.accountId(), id).orElseThrow(() -> notFound(id)));
  }

  public KeywordRule create(Caller caller, Written written) {
    KeywordRule.Draft draft = checked(caller, written);
    return unitOfWork.inTransaction(
        () -> {
          refuseClash(caller, draft, null);
          KeywordRule saved = rules.insert(caller.accountId(), draft, clock.instant());
          audit.record(caller, "keyword-rule.created", null, null, describe(saved));
          return saved;
        });
  }

  public KeywordRule update(Caller caller, long id, Written written) {
    find(caller, id); // another account's rule is not found, whatever the body says
    KeywordRule.Draft draft = checked(caller, written);
    return unitOfWork.inTransaction(
        () -> {
          rules.find(caller.accountId(), id).orElseThrow(() -> notFound(id));
          refuseClash(caller, draft, id);
          rules.update(caller.accountId(), id, draft, clock.instant());
          KeywordRule saved = rules.find(caller.accountId(), id).orElseThrow();
          audit.record(caller, "keyword-rule.updated", null, null, describe(saved));
          return saved;
        });
  }

  public void delete(Caller caller, long id) {
    unitOfWork.run(
        () -> {
          KeywordRule gone = rules.find(caller.accountId(), id).orElseThrow(() -> notFound(id));
          rules.delete(caller.accountId(), id);
          audit.record(caller, "keyword-rule.deleted", null, null, describe(gone));
        });
  }

  private static String describe(KeywordRule rule) {
    return "Keyword "
        + rule.keyword()
        + (rule.number() == null ? "" : " to " + rule.number())
        + " enrols in automation '"
        + rule.automationName()
        + "'";
  }

  /** The written rule checked (400, 409, 422 with what to change), its automation found. */
  private KeywordRule.Draft checked(Caller caller, Written written) {
    if (written == null) {
      throw RequestRefused.invalid(
          "The body is empty: send {keyword, automationId, numberId (optional), reply"
              + " (optional)}.");
    }
    String keyword = keyword(written.keyword());
    String key = RuleKeywords.key(keyword);
    if (written.automationId() == null) {
      throw RequestRefused.invalid(
          "automationId is missing: choose the automation the keyword enrols in (GET"
              + " /api/automations lists them).");
    }
    String reply = reply(written.reply());
    SenderNumber number = number(caller, written.numberId());
    refuseOptOutKeyword(caller, keyword, key, number);
    // outside any unit of work of ours: a remote CRM's failure is a 502 that changed nothing
    Automation automation = automation(caller, written.automationId());
    return new KeywordRule.Draft(
        keyword,
        key,
        automation.id(),
        automation.name(),
        number == null ? null : number.id(),
        reply);
  }

  private static String keyword(String keyword) {
    if (keyword == null || keyword.isBlank()) {
      throw RequestRefused.invalid(
          "keyword is empty: write the word customers text, such as JOIN.");
    }
    String written = keyword.strip().toUpperCase(Locale.ROOT);
    String key = RuleKeywords.key(written);
    if (written.length() > RuleKeywords.MAX_LENGTH || !RuleKeywords.isKeyword(key)) {
      throw RequestRefused.invalid(
          "keyword '"
              + keyword.strip()
              + "' is not a keyword: use one word (or a few) of letters and digits, at most "
              + RuleKeywords.MAX_LENGTH
              + " characters, such as JOIN.");
    }
    return written;
  }

  private static String reply(String reply) {
    if (reply == null || reply.isBlank()) {
      return null;
    }
    String r = reply.strip();
    if (r.length() > MAX_REPLY) {
      throw RequestRefused.invalid(
          "reply is longer than " + MAX_REPLY + " characters; shorten it.");
    }
    return r;
  }

  private SenderNumber number(Caller caller, Long numberId) {
    if (numberId == null) {
      return null;
    }
    return unitOfWork
        .inTransaction(() -> numbers.find(numberId))
        .filter(n -> n.accountId().equals(caller.accountId()))
        .orElseThrow(
            () ->
                RequestRefused.invalid(
                    "numberId "
                        + numberId
                        + " is not one of your numbers (GET /api/numbers lists them); leave it"
                        + " out for every number."));
  }

  /** STOP, START, HELP … of the countries the rule would listen in: those always win. */
  private void refuseOptOutKeyword(Caller caller, String keyword, String key, SenderNumber number) {
    Set<String> countries = new TreeSet<>();
    if (number != null) {
      countries.add(number.country());
    } else {
      countries.add("US");
      unitOfWork
          .inTransaction(() -> numbers.all(caller.accountId()))
          .forEach(n -> countries.add(n.country()));
    }
    for (String country : countries) {
      OptOutKeywords words = optOutKeywords.keywordsFor(country);
      var clash = words.match(keyword).or(() -> words.match(key));
      if (clash.isPresent()) {
        String[] meaning =
            switch (clash.get().event()) {
              case OPT_OUT -> new String[] {"opt-out", "it unsubscribes the customer"};
              case OPT_IN -> new String[] {"opt-in", "it subscribes the customer again"};
              default -> new String[] {"help", "it answers the help text"};
            };
        throw RequestRefused.conflict(
            "'"
                + keyword
                + "' is this account's "
                + meaning[0]
                + " keyword "
                + clash.get().keyword()
                + (countries.size() > 1 ? " on its numbers in " + country : "")
                + " ("
                + meaning[1]
                + "), which always comes first; choose another keyword.");
      }
    }
  }

  private Automation automation(Caller caller, long automationId) {
    return panel.automations(caller).stream()
        .filter(a -> a.id() == automationId)
        .findFirst()
        .orElseThrow(
            () ->
                new RequestRefused(
                    Reason.UNKNOWN_AUTOMATION,
                    "There is no automation "
                        + automationId
                        + " in your CRM; choose one GET /api/automations lists."));
  }

  /** One rule a keyword for every number, and one for each number. */
  private void refuseClash(Caller caller, KeywordRule.Draft draft, Long except) {
    rules.byKey(caller.accountId(), draft.keywordKey()).stream()
        .filter(other -> except == null || other.id() != except)
        .filter(other -> Objects.equals(other.numberId(), draft.numberId()))
        .findFirst()
        .ifPresent(
            other -> {
              throw RequestRefused.conflict(
                  "There is already a rule for "
                      + other.keyword()
                      + (other.number() == null ? " on every number" : " to " + other.number())
                      + " (it enrols in '"
                      + other.automationName()
                      + "'); edit that rule or choose another keyword.");
            });
  }

  private static RequestRefused notFound(long id) {
    return RequestRefused.notFound("There is no keyword rule " + id + ".");
  }
}
