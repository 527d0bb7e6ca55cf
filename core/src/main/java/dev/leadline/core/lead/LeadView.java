package dev.leadline.core.lead;

import dev.leadline.core.common.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Named list views, after Salesforce's lead intelligence view. Each is a filter over leads, their
 * timeline, meetings and tasks, evaluated at a moment and, for "today", in a time zone.
 */
public enum LeadView {
    /** Every lead. */
    ALL,
    /** NEW and not yet owned by anyone. */
    NEW,
    /** Owned by the given rep. */
    MINE,
    /** Offered to the given queue and still unclaimed. */
    QUEUE,
    /** Changed in the last 7 days. */
    RECENT,
    /** Has a follow-up task past its due time. */
    OVERDUE,
    /** Has an open task due today (in the rep's time zone). */
    DUE_TODAY,
    /** Has a meeting or open task ahead. */
    UPCOMING,
    /** Open, with nothing on its timeline for the idle period (30 days by default). */
    IDLE,
    /** Open and never touched (no contact, meeting or decision yet). */
    NO_ACTIVITY,
    /** Open with no meeting or open task ahead. */
    NO_UPCOMING,
    /** NEW with an owner who has not reached out yet (no contact, meeting or task). */
    NOT_CONTACTED,
    /** Contact attempted, no answer yet. */
    ATTEMPTED,
    /** Two-way contact happened. */
    ENGAGED,
    /** Has a meeting ahead whose outcome is not recorded. */
    MEETING_SCHEDULED,
    /** A meeting was declined. */
    MEETING_DECLINED,
    /** Disqualified. */
    DISQUALIFIED,
    /** Stored although a duplicate rule found it like another lead or contact, and not merged with it since. */
    FLAGGED;

    /** The view's name as typed and in the API, e.g. {@code no-upcoming}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The view's name for people, e.g. "No upcoming". */
    public String title() {
        String words = name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public static LeadView parse(String name) {
        return find(name).orElseThrow(() -> new ValidationException("view", "unknown view '" + name + "'; known views: "
                + Arrays.stream(values()).map(LeadView::label).collect(Collectors.joining(", "))));
    }

    /** The built-in view with this name ({@code no-upcoming}, any case); empty for any other name. */
    public static java.util.Optional<LeadView> find(String name) {
        String wanted = name == null ? "" : name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(v -> v.name().equals(wanted)).findFirst();
    }
}
