package dev.leadline.core.conversion;

import dev.leadline.core.account.Account;
import dev.leadline.core.account.Contact;
import dev.leadline.core.account.Opportunity;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadOutcome;
import java.util.List;

/** What became of a conversion or its undoing. */
public sealed interface ConversionOutcome {
    /** Converted: the lead now CONVERTED, the account (matched or created), the new contact and opportunity. */
    record Converted(Lead lead, Account account, boolean accountCreated, Contact contact, Opportunity opportunity)
            implements ConversionOutcome {}

    /** Undone: the lead is back as it was; {@code kept} names what stayed because it changed since. */
    record Unconverted(Lead lead, List<String> removed, List<String> kept) implements ConversionOutcome {}

    /** Refused: a NotAllowed or WrongState says why. */
    record Refused(LeadOutcome reason) implements ConversionOutcome {}
}
