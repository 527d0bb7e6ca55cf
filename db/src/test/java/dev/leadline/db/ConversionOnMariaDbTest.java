package dev.leadline.db;

import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static dev.leadline.db.jooq.Tables.CONTACT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.common.Actor;
import dev.leadline.core.conversion.ConversionOutcome;
import dev.leadline.core.conversion.ConvertRequest;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadOutcome;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.lead.NewLead;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Conversion into accounts, contacts and opportunities, and its exact undoing, on MariaDB. */
class ConversionOnMariaDbTest {
    private static TestDesk desk;
    private static Rep jane;

    @BeforeAll
    static void setUp() {
        desk = new TestDesk(Clock.systemUTC());
        desk.team.apply(List.of(new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "MANAGER", Map.of())), List.of(),
                Actor.cli("test"));
        jane = desk.team.repByEmail("jane@example.com").orElseThrow();
    }

    @AfterAll
    static void tearDown() {
        desk.close();
    }

    @Test
    void aQualifiedLeadBecomesAccountContactAndOpportunityAndTheNextLeadFindsThatAccount() {
        Lead lead = qualifiedLead("ada@engines.example", "https://engines.example", "Analytical Engines");
        var request = new ConvertRequest(Optional.empty(), Optional.empty(), Optional.of(
                new ConvertRequest.OpportunitySpec("Engines pilot", new BigDecimal("12000.00"), LocalDate.now().plusMonths(2), null)));
        var converted = (ConversionOutcome.Converted) desk.conversion.convert(lead.id(), jane, request);

        assertThat(converted.lead().status()).isEqualTo(LeadStatus.CONVERTED);
        assertThat(converted.accountCreated()).isTrue();
        assertThat(converted.account().name()).isEqualTo("Analytical Engines");
        assertThat(converted.account().domain()).isEqualTo("engines.example");
        assertThat(converted.contact().email()).isEqualTo("ada@engines.example");
        assertThat(converted.opportunity().amount()).isEqualByComparingTo("12000");
        assertThat(converted.opportunity().stage()).isEqualTo("Prospecting");
        assertThat(desk.timeline.forLead(lead.id(), 1).get(0).type()).isEqualTo(ActivityType.CONVERTED);

        Lead colleague = qualifiedLead("charles@engines.example", "engines.example", "Engines Ltd");
        var second = (ConversionOutcome.Converted) desk.conversion.convert(colleague.id(), jane,
                new ConvertRequest(Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(second.accountCreated()).isFalse();
        assertThat(second.account().id()).isEqualTo(converted.account().id());
    }

    @Test
    void undoingAConversionRestoresTheLeadExactlyAndRemovesWhatItCreated() {
        Lead lead = qualifiedLead("grace@navy.example", "navy.example", "Navy Systems");
        Lead before = desk.leads.find(lead.id()).orElseThrow();
        var converted = (ConversionOutcome.Converted) desk.conversion.convert(lead.id(), jane, new ConvertRequest(Optional.empty(),
                Optional.of("Navy Systems Inc"), Optional.of(new ConvertRequest.OpportunitySpec("COBOL", null, null, "Discovery"))));

        var undone = (ConversionOutcome.Unconverted) desk.conversion.unconvert(lead.id(), jane);

        assertThat(undone.lead().stage()).isEqualTo(before.stage());
        assertThat(undone.kept()).isEmpty();
        assertThat(undone.removed()).hasSize(3);
        assertThat(desk.accounts.account(converted.account().id())).isEmpty();
        assertThat(desk.accounts.contact(converted.contact().id())).isEmpty();
        assertThat(desk.conversion.unconvert(lead.id(), jane)).isInstanceOf(ConversionOutcome.Refused.class);
    }

    @Test
    void whatWasChangedSinceTheConversionIsKeptAndNamed() {
        Lead lead = qualifiedLead("alan@bletchley.example", "bletchley.example", "Bletchley Labs");
        var converted = (ConversionOutcome.Converted) desk.conversion.convert(lead.id(), jane,
                new ConvertRequest(Optional.empty(), Optional.empty(), Optional.empty()));
        desk.database.dsl().update(CONTACT).set(CONTACT.TITLE, "Chief Scientist").set(CONTACT.VERSION, CONTACT.VERSION.plus(1))
                .where(CONTACT.ID.eq(converted.contact().id())).execute();

        var undone = (ConversionOutcome.Unconverted) desk.conversion.unconvert(lead.id(), jane);

        assertThat(undone.kept()).containsExactlyInAnyOrder("contact " + converted.contact().id(), "account " + converted.account().id());
        assertThat(undone.lead().status()).isEqualTo(LeadStatus.QUALIFIED);
        assertThat(desk.accounts.contact(converted.contact().id())).isPresent();
    }

    @Test
    void disqualifiedLeadsAreNotConverted() {
        Lead lead = qualifiedLead("no@budget.example", null, "Budgetless");
        desk.qualification.disqualify(lead.id(), jane, "No budget", null);
        var refused = desk.conversion.convert(lead.id(), jane, new ConvertRequest(Optional.empty(), Optional.empty(), Optional.empty()));

        assertThat(refused).isInstanceOf(ConversionOutcome.Refused.class);
        assertThat(((ConversionOutcome.Refused) refused).reason()).isInstanceOf(LeadOutcome.WrongState.class);
    }

    private static Lead qualifiedLead(String email, String website, String company) {
        var builder = aLead().withEmail(email).with(LeadField.COMPANY, company);
        if (website != null) {
            builder.with(LeadField.WEBSITE, website);
        }
        Lead lead = desk.leads.insert(new NewLead(builder.build(), null, null, Instant.now()));
        desk.journal.created(List.of(lead), ActivityType.CREATED, Actor.cli("test"), "Created");
        desk.claims.assign(lead.id(), jane, jane, null);
        desk.qualification.qualify(lead.id(), jane, null);
        return desk.leads.find(lead.id()).orElseThrow();
    }
}
