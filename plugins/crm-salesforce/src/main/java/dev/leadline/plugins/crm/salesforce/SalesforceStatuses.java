package dev.leadline.plugins.crm.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Leadline's lead statuses and the Lead {@code Status} picklist, both ways. The defaults are Salesforce's standard
 * picklist; the {@code statusMap} setting ({@code QUALIFIED=Qualified, ENGAGED=Working - Engaged}) overrides any of
 * them for an org with its own values.
 *
 * <pre>
 * Leadline               Status written            read back as
 * NEW                    Open - Not Contacted      NEW
 * ATTEMPTED (CONTACTED)  Working - Contacted       nothing (ATTEMPTED, ENGAGED and QUALIFIED all write it)
 * ENGAGED                Working - Contacted
 * QUALIFIED              Working - Contacted
 * CONVERTED              Closed - Converted        CONVERTED
 * DISQUALIFIED (MERGED)  Closed - Not Converted    DISQUALIFIED
 * </pre>
 *
 * A value reads back as a Leadline status only when exactly one of Leadline's own statuses writes it
 * (CONTACTED and MERGED are aliases and do not count), so a pull never moves a lead to a status it did not mean.
 */
final class SalesforceStatuses {
    /** Leadline's statuses that a picklist value can read back as. */
    static final List<String> LEADLINE = List.of("NEW", "ATTEMPTED", "ENGAGED", "QUALIFIED", "CONVERTED", "DISQUALIFIED");
    static final Map<String, String> DEFAULTS = Map.of("NEW", "Open - Not Contacted", "ATTEMPTED", "Working - Contacted", "ENGAGED",
            "Working - Contacted", "QUALIFIED", "Working - Contacted", "CONVERTED", "Closed - Converted", "DISQUALIFIED", "Closed - Not Converted");
    private static final Map<String, String> ALIASES = Map.of("CONTACTED", "ATTEMPTED", "MERGED", "DISQUALIFIED");
    private static final List<String> PICKLIST = List.of("Open - Not Contacted", "Working - Contacted", "Closed - Converted",
            "Closed - Not Converted");

    private final Map<String, String> toSalesforce;

    SalesforceStatuses(Map<String, String> overrides) {
        Map<String, String> map = new LinkedHashMap<>(DEFAULTS);
        map.putAll(overrides);
        this.toSalesforce = Map.copyOf(map);
    }

    /** Parses {@code STATUS=Picklist value, ...}; throws naming the first entry it cannot read. */
    static SalesforceStatuses parse(String setting) {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (setting != null) {
            for (String entry : setting.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] pair = entry.split("=", 2);
                if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
                    throw new IllegalArgumentException("plugins.crm-salesforce.statusMap: '" + entry.strip() + "' is not STATUS=Picklist value");
                }
                overrides.put(pair[0].strip().toUpperCase(java.util.Locale.ROOT), pair[1].strip());
            }
        }
        return new SalesforceStatuses(overrides);
    }

    /**
     * The Status for a lead: its Leadline status mapped, else its {@code statusCategory} when that is one of the
     * standard picklist values; empty when neither (the Status is then left alone).
     */
    Optional<String> toSalesforce(String status, String statusCategory) {
        String own = status == null ? null : ALIASES.getOrDefault(status, status);
        Optional<String> mapped = Optional.ofNullable(own).map(toSalesforce::get);
        return mapped.isPresent() ? mapped : Optional.ofNullable(statusCategory).filter(PICKLIST::contains);
    }

    /**
     * Whether writing our value loses something Salesforce's means: not when they are equal or read as the same
     * Leadline status; always when Salesforce's reads as none.
     */
    boolean differ(String ours, String salesforces) {
        Optional<String> theirs = toLeadline(salesforces);
        return !ours.equals(salesforces) && (theirs.isEmpty() || !theirs.equals(toLeadline(ours)));
    }

    /** The one Leadline status that writes this value; empty when none or several do. */
    Optional<String> toLeadline(String picklistValue) {
        List<String> writers = new ArrayList<>();
        for (String status : LEADLINE) {
            if (toSalesforce.get(status) != null && toSalesforce.get(status).equals(picklistValue)) {
                writers.add(status);
            }
        }
        return writers.size() == 1 ? Optional.of(writers.get(0)) : Optional.empty();
    }
}
