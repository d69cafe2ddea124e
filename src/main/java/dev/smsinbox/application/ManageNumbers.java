package dev.smsinbox.application;

import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.domain.SenderNumberRepository;
import dev.smsinbox.sms.PhoneNumbers;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** Our sender numbers and whether each can carry two-way conversations (F7). */
public class ManageNumbers {

  private final UnitOfWork unitOfWork;
  private final SenderNumberRepository numbers;
  private final Audit audit;
  private final Clock clock;

  public ManageNumbers(
      UnitOfWork unitOfWork, SenderNumberRepository numbers, Audit audit, Clock clock) {
    this.unitOfWork = unitOfWork;
    this.numbers = numbers;
    this.audit = audit;
    this.clock = clock;
  }

  /** The caller's account's numbers. */
  public List<SenderNumber> all(Caller caller) {
    return unitOfWork.inTransaction(() -> numbers.all(caller.accountId()));
  }

  /**
   * Registers a number for the caller's account, or changes the flags of one it holds. A number
   * belongs to one account: one that another account holds is refused (409), as its SMS are that
   * account's.
   */
  public SenderNumber save(
      Caller caller, String number, String country, boolean dedicated, boolean registered) {
    if (country == null || !country.strip().matches("[A-Za-z]{2}")) {
      throw RequestRefused.invalid("country must be an ISO 3166 two-letter code such as US.");
    }
    String region = country.strip().toUpperCase(Locale.ROOT);
    String e164 =
        PhoneNumbers.toE164(number, region)
            .orElseThrow(() -> RequestRefused.invalid("'" + number + "' is not a phone number."));
    return unitOfWork.inTransaction(
        () -> {
          numbers
              .findByNumber(e164)
              .filter(held -> !held.accountId().equals(caller.accountId()))
              .ifPresent(
                  held -> {
                    throw RequestRefused.conflict(
                        e164
                            + " belongs to another account of the host CRM; a number serves one"
                            + " account. Release it there first.");
                  });
          SenderNumber saved =
              numbers.save(
                  caller.accountId(), e164, region, dedicated, registered, clock.instant());
          audit.record(
              caller,
              "number.saved",
              null,
              null,
              e164 + " (" + region + (saved.isTwoWay() ? ", two-way)" : ", one-way)"));
          return saved;
        });
  }
}
