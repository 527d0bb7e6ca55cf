package dev.leadline.core.enrichment;

import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.activity.Activity;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.NewLead;
import dev.leadline.core.testing.DirectTransactor;
import dev.leadline.core.testing.InMemoryJournal;
import dev.leadline.core.testing.InMemoryLeadRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldWritebackTest {
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private final InMemoryLeadRepository leads = new InMemoryLeadRepository();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final FieldWriteback writeback = new FieldWriteback(new DirectTransactor(), leads, new LeadJournal(journal, journal), journal,
            AccountMatching.NONE);

    @Test
    void aRawPhoneAndALowerCaseNameAreCleanedAndAnEmptyDomainFilledInOneChangeNamedAfterThePlugin() {
        Lead lead = raw();

        Lead after = writeback.write(lead, List.of(phone("07700 900123"), offer("firstName", "Jane", "jane"), offer("domain", "acme.com", "")), T1);

        assertThat(after.data().get(LeadField.PHONE)).contains("+447700900123");
        assertThat(after.data().get(LeadField.FIRST_NAME)).contains("Jane");
        assertThat(after.data().get(LeadField.DOMAIN)).contains("acme.com");
        assertThat(after.version()).isEqualTo(lead.version() + 1);
        Activity entry = journal.activities.get(0);
        assertThat(entry.type()).isEqualTo(ActivityType.UPDATED);
        assertThat(entry.actor()).isEqualTo(Actor.plugin("enrich-email"));
        assertThat(entry.summary()).isEqualTo("firstName set to Jane from 'jane', phone set to +447700900123 from '07700 900123',"
                + " domain set to acme.com (was empty) by enrich-email");
        assertThat(journal.audit.get(0).actor()).isEqualTo(Actor.plugin("enrich-email"));
        assertThat(journal.audit.get(0).before()).containsEntry("phone", "07700 900123");
    }

    @Test
    void aValueChangedSinceTheProviderSawItStands() {
        Lead lead = raw();
        Lead edited = leads.updateData(lead, lead.data().overlaidWith(phoneOnly("07700 900999")), T1);

        Lead after = writeback.write(lead, List.of(phone("07700 900123")), T2);

        assertThat(after.data().get(LeadField.PHONE)).contains("07700 900999");
        assertThat(after.version()).isEqualTo(edited.version());
        assertThat(journal.activities).isEmpty();
    }

    @Test
    void aValueAPersonSetAfterTheLeadArrivedIsNeverOverwrittenEvenByItsOwnCleanedForm() {
        Lead lead = raw();
        Lead cleaned = writeback.write(lead, List.of(phone("07700 900123")), T1);
        Lead edited = leads.updateData(cleaned, cleaned.data().overlaidWith(phoneOnly("07700 900999")), T2);
        new LeadJournal(journal, journal).updated(cleaned, edited, Actor.rep("jane@example.com"), "Updated by jane@example.com", T2);

        Lead after = writeback.write(edited, List.of(phone("07700 900999")), T2.plusSeconds(60));

        assertThat(after.data().get(LeadField.PHONE)).contains("07700 900999");
        assertThat(writeback.written(after)).as("the rep's value did not come from a plugin").isEmpty();
    }

    @Test
    void identityFieldsAndValuesIntakeWouldRefuseAreNeverWritten() {
        Lead lead = raw();

        Lead after = writeback.write(lead, List.of(offer("email", "jane@acme.com", "Jane@ACME.com"), offer("employeeCount", "many", ""),
                offer("custom.tier", "Gold", "")), T1);

        assertThat(after).isSameAs(lead);
        assertThat(journal.activities).isEmpty();
    }

    @Test
    void theLeadShowsWhichOfItsValuesAPluginWroteFromWhat() {
        Lead after = writeback.write(raw(), List.of(phone("07700 900123"), offer("firstName", "Jane", "jane")), T1);

        assertThat(writeback.written(after)).containsExactlyInAnyOrder(
                new FieldWrite("phone", "+447700900123", "07700 900123", "enrich-email", T1),
                new FieldWrite("firstName", "Jane", "jane", "enrich-email", T1));
    }

    private Lead raw() {
        LeadData data = aLead().with(LeadField.PHONE, "07700 900123").with(LeadField.FIRST_NAME, "jane").withEmail("Jane@ACME.com").build();
        Lead lead = leads.insert(new NewLead(data, null, null, T0));
        new LeadJournal(journal, journal).created(List.of(lead), ActivityType.CREATED, Actor.token("crm"), "Created");
        journal.activities.clear();
        journal.audit.clear();
        return lead;
    }

    private static FieldWriteback.Offer phone(String raw) {
        return offer("phone", "+44" + raw.substring(1).replace(" ", ""), raw);
    }

    private static LeadData phoneOnly(String phone) {
        return new LeadData(Map.of(LeadField.PHONE, phone), Map.of());
    }

    private static FieldWriteback.Offer offer(String field, String value, String cleanedFrom) {
        return new FieldWriteback.Offer("enrich-email", field, value, cleanedFrom);
    }
}
