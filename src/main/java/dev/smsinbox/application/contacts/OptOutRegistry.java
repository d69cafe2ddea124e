package dev.smsinbox.application.contacts;

import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.OptOut;
import dev.smsinbox.domain.OptOutRepository;
import dev.smsinbox.sms.PhoneNumbers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The numbers that texted a stop word and must receive nothing until they text START. Every kind of
 * send asks it: the inbox's replies (through a send guard) and, for campaign and automated sends,
 * {@link #isOptedOut}.
 */
public class OptOutRegistry {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd 'at' HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final UnitOfWork unitOfWork;
  private final OptOutRepository optOuts;

  public OptOutRegistry(UnitOfWork unitOfWork, OptOutRepository optOuts) {
    this.unitOfWork = unitOfWork;
    this.optOuts = optOuts;
  }

  /**
   * @param phone E.164, or any common format of a US number
   */
  public boolean isOptedOut(String accountId, String phone) {
    return find(accountId, phone).isPresent();
  }

  /** The number's opt-out from the account's SMS: STOP to one account is that account's. */
  public Optional<OptOut> find(String accountId, String phone) {
    if (phone == null) {
      return Optional.empty();
    }
    String e164 = PhoneNumbers.toE164(phone, "US").orElse(phone);
    return unitOfWork.inTransaction(() -> optOuts.find(accountId, e164));
  }

  /**
   * True when the number was not opted out before (so the confirmation is sent once).
   *
   * @param messageId the message that was the keyword; null for an unrouted SMS
   */
  public boolean optOut(String accountId, String e164, String keyword, Instant at, Long messageId) {
    return optOuts.save(accountId, new OptOut(e164, keyword, at), messageId);
  }

  /** True when the number was opted out. */
  public boolean optIn(String accountId, String e164) {
    return optOuts.delete(accountId, e164);
  }

  /**
   * "replied STOP on 2026-11-24 at 09:38 UTC", or "was unsubscribed in ActiveCampaign on …" for an
   * opt-out the CRM asked for.
   */
  static String replied(OptOut optOut) {
    return (optOut.fromTheCrm() ? "was " : "replied ")
        + optOut.keyword()
        + " on "
        + WHEN.format(optOut.at());
  }
}
