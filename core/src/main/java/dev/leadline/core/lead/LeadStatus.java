package dev.leadline.core.lead;

/** Where a lead stands in its lifecycle. */
public enum LeadStatus {
    NEW("Open"),
    ATTEMPTED("Contacted"),
    ENGAGED("Contacted"),
    QUALIFIED("Qualified"),
    DISQUALIFIED("Unqualified"),
    CONVERTED("Qualified"),
    /** Merged into another lead, which carries on; kept so that its id still resolves and the merge can be undone. */
    MERGED("Unqualified");

    private final String salesforceCategory;

    LeadStatus(String salesforceCategory) {
        this.salesforceCategory = salesforceCategory;
    }

    /** Salesforce's four status categories (Open, Contacted, Qualified, Unqualified), for export. */
    public String salesforceCategory() {
        return salesforceCategory;
    }
}
