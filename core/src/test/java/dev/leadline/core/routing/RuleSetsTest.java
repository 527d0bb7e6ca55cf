package dev.leadline.core.routing;

import static dev.leadline.core.routing.RoutingFixture.assignee;
import static dev.leadline.core.routing.RoutingFixture.rep;
import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.team.QueueSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuleSetsTest {
    private final RoutingFixture f = new RoutingFixture();

    @BeforeEach
    void team() {
        f.apply(List.of(rep("ana@x.com", null, "UTC"), rep("ben@x.com", null, "UTC"), rep("cy@x.com", null, "UTC")),
                List.of(new QueueSpec("Enterprise", null, List.of("ana@x.com", "ben@x.com"), Map.of(), "round-robin", null, null, null),
                        new QueueSpec("West", null, List.of("cy@x.com"), Map.of(), "round-robin", null, null, null),
                        new QueueSpec("Inbound", null, List.of("ana@x.com", "ben@x.com", "cy@x.com"))));
    }

    private static Map<String, Object> condition(String field, String op, Object value) {
        return Map.of("field", field, "op", op, value instanceof List<?> ? "values" : "value", value);
    }

    private RuleSet territoryRules() {
        return f.rules(Map.of(
                "entries", List.of(
                        Map.of("name", "Enterprise North America", "when", Map.of("all", List.of(
                                condition("country", "country", List.of("US", "Canada")),
                                condition("employeeCount", "between", List.of(1000, 100000)))), "to", Map.of("queue", "Enterprise")),
                        Map.of("name", "West coast", "when", Map.of("any", List.of(
                                condition("postalCode", "postcode", List.of("90000-96199", "97*")),
                                condition("state", "in", List.of("CA", "OR", "WA")))), "to", Map.of("queue", "West")),
                        Map.of("name", "Not webmail", "when", Map.of("not", condition("email", "regex", "@(gmail|yahoo)\\.")),
                                "to", Map.of("rep", "ben@x.com"))),
                "default", Map.of("queue", "Inbound")));
    }

    private static LeadData lead(String country, String employees, String postcode, String email) {
        var b = aLead();
        if (country != null) {
            b.with(LeadField.COUNTRY, country);
        }
        if (employees != null) {
            b.with(LeadField.EMPLOYEE_COUNT, employees);
        }
        if (postcode != null) {
            b.with(LeadField.POSTAL_CODE, postcode);
        }
        return b.withEmail(email).build();
    }

    @Test
    void theFirstMatchingEntryWinsAndTheExplanationNamesItAndItsConditions() {
        RoutingDecision decision = f.route(territoryRules(), lead("USA", "2500", "94105", "ada@acme.com"));

        assertThat(decision.explanation().entry()).isEqualTo("Enterprise North America");
        assertThat(decision.explanation().entriesBefore()).isZero();
        assertThat(decision.explanation().because()).containsExactly("country country US, Canada: 'USA' ✓",
                "employeeCount between 1000 and 100000: '2500' ✓");
        assertThat(decision.outcome()).isInstanceOf(RoutingDecision.Outcome.Assign.class);
        assertThat(((RoutingDecision.Outcome.Assign) decision.outcome()).queueId()).isEqualTo(f.queue("Enterprise").id());
    }

    @Test
    void territoriesMatchByPostcodeRangeOrPrefixAndSegmentsByEmployeeBand() {
        assertThat(f.route(territoryRules(), lead("US", "50", "94105", "a@acme.com")).explanation().entry()).isEqualTo("West coast");
        assertThat(f.route(territoryRules(), lead("US", "50", "97201", "a@acme.com")).explanation().entry()).isEqualTo("West coast");
        assertThat(f.route(territoryRules(), lead("United Kingdom", "5000", "SW1A 1AA", "a@acme.com")).explanation().entry())
                .isEqualTo("Not webmail");
        assertThat(f.route(territoryRules(), lead("US", "999", "10001", "a@gmail.com")).explanation().entry()).isEqualTo("default");
    }

    @Test
    void accountOwnerTargetUsesTheMatchedAccountsOwnerAndGoesOnWhenThereIsNone() {
        RuleSet rules = f.rules(Map.of("entries", List.of(Map.of("name", "Named accounts", "to", Map.of("accountOwner", true))),
                "default", Map.of("queue", "Inbound")));
        f.state.accountsByDomain.put("acme.com", new RoutingState.AccountMatch(7, "Acme", "domain acme.com", f.rep("cy@x.com").id()));

        RoutingDecision owned = f.route(rules, aLead().with(LeadField.DOMAIN, "acme.com").build());
        RoutingDecision unknown = f.route(rules, aLead().with(LeadField.DOMAIN, "other.com").build());

        assertThat(assignee(owned)).isEqualTo(f.rep("cy@x.com").id());
        assertThat(owned.explanation().because()).contains("matched account Acme by domain acme.com, owned by cy");
        assertThat(unknown.outcome()).isInstanceOf(RoutingDecision.Outcome.Offer.class);
        assertThat(unknown.explanation().because().get(0)).contains("the lead matches no account; went on");
    }

    @Test
    void aRuleSetWithProblemsIsRefusedNamingEachOne() {
        Map<String, Object> bad = Map.of("entries", List.of(
                Map.of("name", "A", "when", condition("employeeCount", "gte", 5), "to", Map.of("queue", "Nowhere")),
                Map.of("name", "A", "when", Map.of("any", List.of(condition("color", "eq", "red"))), "to", Map.of("rep", "zed@x.com")),
                Map.of("name", "C", "when", condition("email", "regex", "(unclosed"), "to", Map.of("queue", "West"))));

        assertThatThrownBy(() -> f.rules(bad)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                        "entries[0].when.op", "entries[0].to.queue", "entries[1].name", "entries[1].when.any[0].field",
                        "entries[1].to.rep", "entries[2].when.value", "default"));
    }
}
