package dev.leadline.core.account;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A deal being worked at an account. */
public record Opportunity(long id, long accountId, Long contactId, Long leadId, String name, BigDecimal amount, LocalDate closeDate,
                          String stage, int version) {}
