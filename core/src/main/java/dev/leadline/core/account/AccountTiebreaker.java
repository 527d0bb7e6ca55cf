package dev.leadline.core.account;

import dev.leadline.core.common.ValidationException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

/** Which of several equally good accounts a lead goes to ({@code accounts.tiebreaker} in leadline.yml). */
public enum AccountTiebreaker {
    /** The one with most open opportunities (the default). */
    OPEN_OPPORTUNITIES("open-opportunities", "most open opportunities",
            Comparator.comparingInt(AccountCandidate::openOpportunities).reversed()),
    /** The one whose account, contacts or opportunities changed last. */
    RECENT_ACTIVITY("recent-activity", "most recent activity",
            Comparator.comparing(AccountCandidate::lastActivityAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))),
    /** The one with most employees. */
    LARGEST("largest", "most employees",
            Comparator.comparing((AccountCandidate c) -> c.account().employeeCount(), Comparator.nullsLast(Comparator.<Integer>reverseOrder())));

    public static final AccountTiebreaker DEFAULT = OPEN_OPPORTUNITIES;

    private final String key;
    private final String description;
    private final Comparator<AccountCandidate> order;

    AccountTiebreaker(String key, String description, Comparator<AccountCandidate> order) {
        this.key = key;
        this.description = description;
        this.order = order;
    }

    public String key() {
        return key;
    }

    String description() {
        return description;
    }

    /** Best first; equal ones by age (the oldest account first). */
    Comparator<AccountCandidate> order() {
        return order.thenComparingLong(c -> c.account().id());
    }

    /** {@code open-opportunities}, {@code recent-activity} or {@code largest}; {@code where} names the setting in the error. */
    public static AccountTiebreaker parse(String text, String where) {
        return Arrays.stream(values()).filter(t -> t.key.equalsIgnoreCase(text == null ? "" : text.strip())).findFirst()
                .orElseThrow(() -> new ValidationException(where, "must be one of "
                        + Arrays.stream(values()).map(AccountTiebreaker::key).collect(Collectors.joining(", ")) + ", got '" + text + "'"));
    }
}
