package dev.leadline.core.account;

import dev.leadline.core.common.Transactor;
import dev.leadline.core.intake.ImportReport.Rejection;
import dev.leadline.core.intake.ImportRow;
import dev.leadline.core.intake.ImportSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Imports accounts, with their contacts, from a file whose rows each name an account and perhaps
 * one contact (an account with three contacts is on three rows). Accounts are found again by
 * external id, else domain, else name, contacts by email within their account, so importing the
 * same file twice creates nothing. Rows go in batches of 500, one transaction each, with a few
 * queries per batch; afterwards open leads without an account are matched again.
 */
public final class AccountImport {
    public static final int BATCH_SIZE = 500;
    public static final int MAX_REPORTED_REJECTIONS = 10_000;

    private final Transactor transactor;
    private final AccountRepository accounts;
    private final Function<String, Optional<Long>> repIdByEmail;
    private final AccountMatching matching;
    private final Clock clock;

    public AccountImport(Transactor transactor, AccountRepository accounts, Function<String, Optional<Long>> repIdByEmail,
                         AccountMatching matching, Clock clock) {
        this.transactor = transactor;
        this.accounts = accounts;
        this.repIdByEmail = repIdByEmail;
        this.matching = matching;
        this.clock = clock;
    }

    /**
     * Imports every row of the source.
     *
     * @throws dev.leadline.core.common.ValidationException when the header names no account name column
     */
    public AccountImportReport run(ImportSource source) {
        AccountColumns columns = AccountColumns.of(source.header());
        Tally tally = new Tally();
        Iterator<ImportRow> rows = source.rows();
        while (rows.hasNext()) {
            List<AccountRow> batch = new ArrayList<>(BATCH_SIZE);
            while (rows.hasNext() && batch.size() + tally.rejectedInBatch < BATCH_SIZE) {
                read(rows.next(), columns, batch, tally);
            }
            tally.rejectedInBatch = 0;
            AccountUpsert.Counts counts = transactor.inTransaction(() -> new AccountUpsert(accounts, clock.instant()).store(batch));
            tally.add(counts);
        }
        long matched = tally.created + tally.updated + tally.contactsCreated > 0 ? matching.rematchOpenLeads() : 0;
        return new AccountImportReport(tally.rows, tally.created, tally.updated, tally.contactsCreated, tally.contactsUpdated,
                tally.rejected, tally.rejectedCount, matched);
    }

    private void read(ImportRow raw, AccountColumns columns, List<AccountRow> batch, Tally tally) {
        tally.rows++;
        AccountRow.Read read = AccountRow.read(raw, columns, repIdByEmail);
        if (read instanceof AccountRow.Ok ok) {
            batch.add(ok.row());
        } else if (read instanceof AccountRow.Rejected r) {
            tally.rejectedCount++;
            tally.rejectedInBatch++;
            if (tally.rejected.size() < MAX_REPORTED_REJECTIONS) {
                tally.rejected.add(new Rejection(r.line(), r.reason()));
            }
        }
    }

    private static final class Tally {
        long rows;
        long created;
        long updated;
        long contactsCreated;
        long contactsUpdated;
        long rejectedCount;
        int rejectedInBatch;
        final List<Rejection> rejected = new ArrayList<>();

        void add(AccountUpsert.Counts counts) {
            created += counts.accountsCreated();
            updated += counts.accountsUpdated();
            contactsCreated += counts.contactsCreated();
            contactsUpdated += counts.contactsUpdated();
        }
    }
}
