package dev.leadline.db;

import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.Page;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadCursor;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.lead.LeadView;
import dev.leadline.core.lead.NewLead;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.testing.LeadDataBuilder;
import dev.leadline.core.views.SavedView;
import dev.leadline.core.views.SavedViewService;
import dev.leadline.core.views.ViewDefinition;
import dev.leadline.core.views.ViewDefinition.Condition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CustomViewsOnMariaDbTest {
    private static TestDesk desk;
    private static LeadService leads;
    private static SavedViewService views;
    private static Rep ann;
    private static Rep bob;

    @BeforeAll
    static void setUp() {
        desk = new TestDesk(Clock.systemUTC());
        leads = new LeadService(desk.leads, Duration.ofDays(10));
        views = new SavedViewService(new JooqTransactor(desk.database.dsl()), new JooqSavedViewRepository(desk.database.dsl()),
                desk.team, desk.audit, Clock.systemUTC());
        desk.team.apply(List.of(new RepSpec("ann@example.com", "Ann", "Europe/Berlin", null, null, true, "REP", Map.of()),
                        new RepSpec("bob@example.com", "Bob", "Europe/Berlin", null, null, true, "REP", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("ann@example.com", "bob@example.com"))), Actor.cli("test"));
        ann = desk.team.repByEmail("ann@example.com").orElseThrow();
        bob = desk.team.repByEmail("bob@example.com").orElseThrow();
        Instant now = Instant.now();
        create(aLead().with(LeadField.COMPANY, "Acme GmbH").with(LeadField.COUNTRY, "DE").with(LeadField.EMPLOYEE_COUNT, "800")
                .with(LeadField.BIRTH_DATE, "1975-04-02").withCustom("plan", "enterprise"), now.minus(Duration.ofDays(2)));
        create(aLead().with(LeadField.COMPANY, "Globex AG").with(LeadField.COUNTRY, "AT").with(LeadField.EMPLOYEE_COUNT, "40"),
                now.minus(Duration.ofDays(1)));
        create(aLead().with(LeadField.COMPANY, "Initech").with(LeadField.COUNTRY, "US").with(LeadField.EMPLOYEE_COUNT, "1200")
                .with(LeadField.BIRTH_DATE, "1990-11-30").withCustom("plan", "starter"), now.minus(Duration.ofDays(20)));
        create(aLead().with(LeadField.COMPANY, "Acme Inc").with(LeadField.COUNTRY, "DE"), now);
    }

    @AfterAll
    static void tearDown() {
        desk.close();
    }

    @Test
    void customViewFiltersOnStandardAndCustomFieldsAndSortsByAField() {
        views.save("dach-big", new ViewDefinition(Optional.empty(), Optional.empty(),
                List.of(new Condition("country", "in", List.of("DE", "AT", "CH")), new Condition("employeeCount", "ge", List.of("50"))),
                Optional.of("-employeeCount")), Actor.cli("test"));
        views.save("acme-enterprise", new ViewDefinition(Optional.empty(), Optional.empty(),
                List.of(new Condition("company", "contains", List.of("acme")), new Condition("custom.plan", "eq", List.of("enterprise"))),
                Optional.empty()), Actor.cli("test"));
        views.save("by-size", new ViewDefinition(Optional.empty(), Optional.empty(), List.of(), Optional.of("employeeCount")), Actor.cli("test"));

        assertThat(companies(open("dach-big"))).containsExactly("Acme GmbH");
        assertThat(companies(open("acme-enterprise"))).containsExactly("Acme GmbH");
        assertThat(companies(open("by-size"))).containsExactly("Globex AG", "Acme GmbH", "Initech", "Acme Inc");
    }

    @Test
    void birthDatesAreFilteredAsTheyAreWritten() {
        views.save("born-1990s", new ViewDefinition(Optional.empty(), Optional.empty(),
                List.of(new Condition("birthDate", "starts-with", List.of("199"))), Optional.empty()), Actor.cli("test"));
        views.save("born-1975-04-02", new ViewDefinition(Optional.empty(), Optional.empty(),
                List.of(new Condition("birthDate", "eq", List.of("1975-04-02"))), Optional.empty()), Actor.cli("test"));

        assertThat(companies(open("born-1990s"))).containsExactly("Initech");
        assertThat(companies(open("born-1975-04-02"))).containsExactly("Acme GmbH");
    }

    @Test
    void aSortedViewPagesThroughEveryLeadOnceInOrder() {
        views.save("size-desc", new ViewDefinition(Optional.empty(), Optional.empty(), List.of(), Optional.of("-employeeCount")),
                Actor.cli("test"));
        List<String> seen = new ArrayList<>();
        Optional<LeadCursor> cursor = Optional.empty();
        do {
            Page<Lead> page = leads.list(views.open("size-desc", scope()).withPage(1, cursor));
            seen.addAll(companies(page));
            cursor = page.nextCursor().map(LeadCursor::decode);
        } while (cursor.isPresent());

        assertThat(seen).containsExactly("Initech", "Acme GmbH", "Globex AG", "Acme Inc");
        String fromAnotherOrder = leads.list(scope().withPage(1, Optional.empty())).nextCursor().orElseThrow();
        assertThatThrownBy(() -> leads.list(views.open("size-desc", scope()).withPage(1, Optional.of(LeadCursor.decode(fromAnotherOrder)))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("another order");
    }

    @Test
    void timeFiltersTakeOffsetsFromTheMomentTheViewIsOpened() {
        views.save("this-week", new ViewDefinition(Optional.empty(), Optional.empty(),
                List.of(new Condition("createdAt", "ge", List.of("-7d"))), Optional.empty()), Actor.cli("test"));

        assertThat(companies(open("this-week"))).containsExactly("Acme Inc", "Globex AG", "Acme GmbH");
    }

    @Test
    void theIdlePeriodIsTheInstallationsAndReadsTheLastActivityOnTheLead() {
        assertThat(companies(leads.list(scope().withView(LeadView.IDLE)))).containsExactly("Initech");
        assertThat(new LeadService(desk.leads, Duration.ofDays(30)).list(scope().withView(LeadView.IDLE)).items()).isEmpty();
    }

    @Test
    void personalViewsAreSeenOnlyByTheirOwner() {
        SavedView mine = views.save("ann-acme", new ViewDefinition(Optional.of("ann@example.com"), Optional.empty(),
                List.of(new Condition("company", "starts-with", List.of("Acme"))), Optional.empty()), Actor.cli("test"));

        assertThat(mine.ownerRepId()).contains(ann.id());
        assertThat(views.visibleTo(Optional.of(ann.id()))).extracting(SavedView::name).contains("ann-acme");
        assertThat(views.visibleTo(Optional.of(bob.id()))).extracting(SavedView::name).doesNotContain("ann-acme");
        assertThatThrownBy(() -> views.open("ann-acme", scope().withOwner(Optional.of(bob.id()))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("unknown view 'ann-acme'");
    }

    @Test
    void aViewThatDoesNotMakeSenseIsRefusedFieldByFieldAndNothingIsStored() {
        ViewDefinition bad = new ViewDefinition(Optional.of("nobody@example.com"), Optional.of("queue"),
                List.of(new Condition("colour", "eq", List.of("red")), new Condition("employeeCount", "contains", List.of("5")),
                        new Condition("createdAt", "gt", List.of("last tuesday")), new Condition("owner", "eq", List.of("ghost@example.com"))),
                Optional.of("status"));

        assertThatThrownBy(() -> views.save("overdue", bad, Actor.cli("test")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).extracting(f -> f.field())
                        .containsExactly("name", "owner", "base", "filters[0]", "filters[1]", "filters[2]", "filters[3]", "sort"));
        assertThat(views.visibleTo(Optional.empty())).extracting(SavedView::name).doesNotContain("overdue");
    }

    private static Page<Lead> open(String name) {
        return leads.list(views.open(name, scope()));
    }

    private static LeadQuery scope() {
        return LeadQuery.at(Instant.now(), ZoneId.of("Europe/Berlin"));
    }

    private static List<String> companies(Page<Lead> page) {
        return page.items().stream().map(l -> l.data().getOrNull(LeadField.COMPANY)).toList();
    }

    private static void create(LeadDataBuilder lead, Instant at) {
        Lead stored = desk.leads.insert(new NewLead(lead.build(), null, null, at));
        desk.journal.created(List.of(stored), ActivityType.CREATED, Actor.cli("test"), "Created");
    }
}
