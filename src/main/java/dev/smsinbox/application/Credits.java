package dev.smsinbox.application;

import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.CreditEntry;
import dev.smsinbox.domain.CreditLedger;
import java.time.Clock;
import java.util.List;

/** Each CRM account's credit balance (F6): reading it, topping it up, and paying for sends. */
public class Credits {

  /** The balance and the latest entries, newest first. */
  public record Statement(long balance, List<CreditEntry> entries) {}

  private final UnitOfWork unitOfWork;
  private final CreditLedger ledger;
  private final CreditPricing pricing;
  private final Clock clock;

  private final Audit audit;

  public Credits(
      UnitOfWork unitOfWork, CreditLedger ledger, CreditPricing pricing, Audit audit, Clock clock) {
    this.unitOfWork = unitOfWork;
    this.audit = audit;
    this.ledger = ledger;
    this.pricing = pricing;
    this.clock = clock;
  }

  public Statement statement(String accountId, int limit) {
    return unitOfWork.inTransaction(
        () -> new Statement(ledger.balance(accountId), ledger.recent(accountId, limit)));
  }

  /** Adds credits to the caller's account (the CRM sells them), recorded in its audit. */
  public Statement topUp(Caller caller, long amount, String reason) {
    String accountId = caller.accountId();
    if (amount <= 0 || amount > 10_000_000) {
      throw RequestRefused.invalid("amount must be a whole number of credits from 1 to 10000000.");
    }
    String why = reason == null || reason.isBlank() ? "Top-up" : reason.strip();
    if (why.length() > 200) {
      throw RequestRefused.invalid("reason must be 200 characters or fewer.");
    }
    return unitOfWork.inTransaction(
        () -> {
          ledger.credit(accountId, amount, why, null, clock.instant());
          audit.record(caller, "credits.topped-up", null, null, amount + " credits: " + why);
          return new Statement(ledger.balance(accountId), ledger.recent(accountId, 20));
        });
  }

  /** What sending {@code parts} SMS parts to the number costs, in credits. */
  public long price(int parts, String destination) {
    return pricing.cost(parts, destination);
  }

  /**
   * Pays for a message inside the caller's transaction, or refuses it before anything is queued.
   *
   * @throws RequestRefused PAYMENT_REQUIRED saying what is needed and what remains
   */
  public void pay(String accountId, long messageId, int parts, String destination, String what) {
    long cost = price(parts, destination);
    if (!ledger.debit(
        accountId,
        cost,
        what + " " + messageId + " (" + parts + " SMS)",
        messageId,
        clock.instant())) {
      long balance = ledger.balance(accountId);
      throw new RequestRefused(
          RequestRefused.Reason.PAYMENT_REQUIRED,
          "Sending this needs "
              + cost
              + " credit"
              + (cost == 1 ? "" : "s")
              + " ("
              + parts
              + " SMS) but "
              + balance
              + " remain"
              + (balance == 1 ? "s" : "")
              + ". Top up credits, or shorten the text.");
    }
  }

  /** Gives back what unsent parts cost, inside the caller's transaction. */
  public void refund(
      String accountId, long messageId, int unsentParts, String destination, String why) {
    if (unsentParts > 0) {
      ledger.credit(
          accountId,
          pricing.cost(unsentParts, destination),
          "Refund for message " + messageId + ": " + why,
          messageId,
          clock.instant());
    }
  }
}
