package dev.smsinbox.domain.crm;

import java.math.BigDecimal;

/** A deal as an admin creates it; checked before it reaches a connector. */
public record NewDeal(String title, BigDecimal value, String currency, String stage) {}
