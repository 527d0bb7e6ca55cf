package dev.leadline.core.lead;

/** Where a lead stands in its lifecycle. */
public enum LeadStatus {
    NEW("Open", "New"),
    ATTEMPTED("Contacted", "Contact attempted"),
    ENGAGED("Contacted", "In conversation"),
    QUALIFIED("Qualified", "Qualified"),
    DISQUALIFIED("Unqualified", "Disqualified"),
    CONVERTED("Qualified", "Converted"),
    /** Merged into another lead, which carries on; kept so that its id still resolves and the merge can be undone. */
    MERGED("Unqualified", "Merged");

    private final String salesforceCategory;
    private final String label;

    LeadStatus(String salesforceCategory, String label) {
        this.salesforceCategory = salesforceCategory;
        this.label = label;
    }

    /** The status in words for people (cards, replies), e.g. "Contact attempted". */
    public String label() {
        return label;
    }

    /** The status inside a sentence: "L-42 is converted and cannot be qualified". */
    public String inWords() {
        return label.toLowerCase(java.util.Locale.ROOT);
    }

    /** Salesforce's four status categories (Open, Contacted, Qualified, Unqualified), for export. */
    public String salesforceCategory() {
        return salesforceCategory;
    }
}
