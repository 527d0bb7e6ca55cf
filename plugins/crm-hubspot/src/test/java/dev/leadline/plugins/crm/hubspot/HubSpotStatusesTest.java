package dev.leadline.plugins.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HubSpotStatusesTest {
    /** Leadline's statuses (core's LeadStatus, and CONTACTED from the SPI's javadoc). */
    private static final List<String> LEADLINE = List.of("NEW", "ATTEMPTED", "CONTACTED", "ENGAGED", "QUALIFIED", "DISQUALIFIED", "CONVERTED", "MERGED");

    @Test
    void everyLeadlineStatusHasAHubSpotValueThatReadsBackAsItOrItsEquivalent() {
        for (String status : LEADLINE) {
            String hubspot = HubSpotStatuses.toHubSpot(status).orElseThrow();
            String back = HubSpotStatuses.toLeadline(hubspot).orElseThrow();
            assertThat(HubSpotStatuses.toHubSpot(back)).as(status).contains(hubspot);
        }
        assertThat(HubSpotStatuses.toLeadline("ATTEMPTED_TO_CONTACT")).contains("ATTEMPTED");
        assertThat(HubSpotStatuses.toLeadline("UNQUALIFIED")).contains("DISQUALIFIED");
    }

    @Test
    void hubSpotsOtherDefaultsReadAsTheNearestAndCustomValuesAsNothing() {
        assertThat(HubSpotStatuses.toLeadline("OPEN")).contains("NEW");
        assertThat(HubSpotStatuses.toLeadline("BAD_TIMING")).contains("DISQUALIFIED");
        assertThat(HubSpotStatuses.toLeadline("SPOKE_TO_CFO")).isEmpty();
        assertThat(HubSpotStatuses.toLeadline("")).isEmpty();
        assertThat(HubSpotStatuses.toHubSpot("NURTURE")).isEqualTo(Optional.empty());
    }
}
