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
  private final Clock clock;

  public ManageNumbers(UnitOfWork unitOfWork, SenderNumberRepository numbers, Clock clock) {
    this.unitOfWork = unitOfWork;
    this.numbers = numbers;
    this.clock = clock;
  }

  public List<SenderNumber> all() {
    return unitOfWork.inTransaction(numbers::all);
  }

  public SenderNumber save(String number, String country, boolean dedicated, boolean registered) {
    if (country == null || !country.strip().matches("[A-Za-z]{2}")) {
      throw RequestRefused.invalid("country must be an ISO 3166 two-letter code such as US.");
    }
    String region = country.strip().toUpperCase(Locale.ROOT);
    String e164 =
        PhoneNumbers.toE164(number, region)
            .orElseThrow(() -> RequestRefused.invalid("'" + number + "' is not a phone number."));
    return unitOfWork.inTransaction(
        () -> numbers.save(e164, region, dedicated, registered, clock.instant()));
  }
}
