package dev.smsinbox.domain.crm;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A sales opportunity with a contact.
 *
 * @param currency ISO 4217 code
 */
public record Deal(
    long id,
    String title,
    BigDecimal value,
    String currency,
    String stage,
    DealStatus status,
    Instant createdAt) {}
