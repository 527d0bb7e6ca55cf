package dev.leadline.core.rooms;

import dev.leadline.core.account.AccountMatch;
import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.Rep;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Who may open a lead's room, and who is asked in: its owner, its account's owner, the reps its rule names. */
final class RoomInvites {
    private final AccountMatching accounts;
    private final RuleMembers named;

    RoomInvites(AccountMatching accounts, RuleMembers named) {
        this.accounts = accounts;
        this.named = named;
    }

    /** Why {@code rep} may not open (or run) the lead's room; empty when they may. */
    Optional<String> refusal(Rep rep, Lead lead) {
        boolean owner = lead.ownerRepId() != null && lead.ownerRepId() == rep.id();
        if (rep.active() && (owner || Permissions.isManager(rep) || named.named(lead.id()).contains(rep.id()))) {
            return Optional.empty();
        }
        return Optional.of("only " + lead.id() + "'s owner, a manager or a rep its routing rule names may open its room");
    }

    /** The reps to invite: the owner, the account's owner, {@code also}, and those the rule names; each once. */
    List<Long> of(Lead lead, List<Long> also) {
        Set<Long> reps = new LinkedHashSet<>();
        Optional.ofNullable(lead.ownerRepId()).ifPresent(reps::add);
        accounts.stored(lead.id()).map(AccountMatch::ownerRepId).ifPresent(reps::add);
        reps.addAll(also);
        reps.addAll(named.named(lead.id()));
        return new ArrayList<>(reps);
    }
}
