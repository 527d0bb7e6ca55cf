package dev.leadline.plugins.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SalesforceStatusesTest {
    private final SalesforceStatuses standard = SalesforceStatuses.parse(null);

    @Test
    void theStandardPicklistIsWrittenForEveryLeadlineStatus() {
        assertThat(standard.toSalesforce("NEW", null)).contains("Open - Not Contacted");
        assertThat(standard.toSalesforce("ATTEMPTED", null)).contains("Working - Contacted");
        assertThat(standard.toSalesforce("CONTACTED", null)).contains("Working - Contacted");
        assertThat(standard.toSalesforce("ENGAGED", null)).contains("Working - Contacted");
        assertThat(standard.toSalesforce("QUALIFIED", null)).contains("Working - Contacted");
        assertThat(standard.toSalesforce("CONVERTED", null)).contains("Closed - Converted");
        assertThat(standard.toSalesforce("DISQUALIFIED", null)).contains("Closed - Not Converted");
        assertThat(standard.toSalesforce("MERGED", null)).contains("Closed - Not Converted");
    }

    @Test
    void anUnknownStatusFallsBackToTheHostsCategoryOnlyWhenItIsAPicklistValue() {
        assertThat(standard.toSalesforce("NURTURE", "Working - Contacted")).contains("Working - Contacted");
        assertThat(standard.toSalesforce("NURTURE", "Contacted")).isEmpty();
        assertThat(standard.toSalesforce(null, null)).isEmpty();
    }

    @Test
    void aValueReadsBackOnlyWhenOneLeadlineStatusWritesIt() {
        assertThat(standard.toLeadline("Open - Not Contacted")).contains("NEW");
        assertThat(standard.toLeadline("Closed - Converted")).contains("CONVERTED");
        assertThat(standard.toLeadline("Closed - Not Converted")).contains("DISQUALIFIED");
        assertThat(standard.toLeadline("Working - Contacted")).isEmpty();
        assertThat(standard.toLeadline("Nurturing")).isEmpty();
    }

    @Test
    void anOrgsOwnValuesMakeTheMappingExactBothWays() {
        SalesforceStatuses own = SalesforceStatuses.parse("ENGAGED=Working - Engaged, QUALIFIED=Qualified");

        assertThat(own.toSalesforce("QUALIFIED", null)).contains("Qualified");
        assertThat(own.toLeadline("Qualified")).contains("QUALIFIED");
        assertThat(own.toLeadline("Working - Engaged")).contains("ENGAGED");
        assertThat(own.toLeadline("Working - Contacted")).contains("ATTEMPTED");
        assertThatThrownBy(() -> SalesforceStatuses.parse("QUALIFIED")).hasMessageContaining("'QUALIFIED' is not STATUS=Picklist value");
    }
}
