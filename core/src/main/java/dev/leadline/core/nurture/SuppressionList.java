package dev.leadline.core.nurture;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The suppression list as admins see it: addresses never emailed (unsubscribed and bounced ones join
 * by themselves), added and removed by hand with a reason, each change in the audit log.
 */
public final class SuppressionList {
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"(),;:]{1,64}@[^@\\s<>\"(),;:]{1,255}");
    private final Transactor transactor;
    private final Suppressions suppressions;
    private final AuditLog audit;
    private final Clock clock;

    public SuppressionList(Transactor transactor, Suppressions suppressions, AuditLog audit, Clock clock) {
        this.transactor = transactor;
        this.suppressions = suppressions;
        this.audit = audit;
        this.clock = clock;
    }

    /** At most {@code limit} entries after {@code after} (an address), by address. */
    public List<Suppressions.Entry> page(String after, int limit) {
        if (limit < 1 || limit > 500) {
            throw new ValidationException("limit", "1 to 500");
        }
        return suppressions.page(after == null ? "" : after.toLowerCase(Locale.ROOT), limit);
    }

    /** Adds the address; false when it was there already. */
    public boolean add(String address, String reason, Actor actor) {
        String checked = address(address);
        String why = reason == null || reason.isBlank() ? "added by hand" : reason.strip();
        if (why.length() > 32) {
            throw new ValidationException("reason", "at most 32 characters, e.g. asked by phone");
        }
        return transactor.inTransaction(() -> {
            Instant now = clock.instant();
            boolean added = suppressions.suppress(checked, why, actor, now);
            if (added) {
                audit.record(List.of(new AuditEntry("suppression", checked, "added", actor, now, null, Map.of("reason", why))));
            }
            return added;
        });
    }

    /** Removes the address; false when it was not there. */
    public boolean remove(String address, Actor actor) {
        String checked = address(address);
        return transactor.inTransaction(() -> {
            boolean removed = suppressions.remove(checked);
            if (removed) {
                audit.record(List.of(new AuditEntry("suppression", checked, "removed", actor, clock.instant(), null, Map.of())));
            }
            return removed;
        });
    }

    private static String address(String address) {
        if (address == null || address.length() > 320 || !ADDRESS.matcher(address.strip()).matches()) {
            throw new ValidationException("address", "an email address like jane@example.com");
        }
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
