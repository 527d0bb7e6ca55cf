package dev.leadline.core.account;

import dev.leadline.core.intake.ImportReport.Rejection;
import java.util.List;

/**
 * What an account import did: accounts and contacts created and changed (a row that changes nothing
 * counts in neither), the rows rejected with their line and reason, and how many open leads without
 * an account matched one of the accounts afterwards.
 */
public record AccountImportReport(long rows, long accountsCreated, long accountsUpdated, long contactsCreated, long contactsUpdated,
                                  List<Rejection> rejected, long rejectedCount, long leadsMatched) {
    public AccountImportReport {
        rejected = List.copyOf(rejected);
    }
}
