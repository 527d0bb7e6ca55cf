package dev.leadline.db;

import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.claim.ClaimService;
import dev.leadline.core.common.Actor;
import dev.leadline.core.dedupe.DuplicateFlags;
import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadOutcome;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.lead.LeadView;
import dev.leadline.core.lead.NewLead;
import dev.leadline.core.qualification.ContactChannel;
import dev.leadline.core.qualification.QualificationService;
import dev.leadline.core.scheduling.MeetingOutcome;
import dev.leadline.core.scheduling.ScheduleOutcome;
import dev.leadline.core.scheduling.SchedulingService;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every intelligence view, judged by MariaDB over leads, timeline, meetings and tasks. */
class LeadViewsOnMariaDbTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static Database database;
    private static LeadService views;
    private static Rep ann;
    private static long queueId;
    private static Map<String, LeadId> leads = new java.util.HashMap<>();

    @BeforeAll
    static void setUp() {
        TestDesk desk = new TestDesk(Clock.systemUTC());
        database = desk.database;
        JooqLeadRepository repo = desk.leads;
        LeadJournal journal = desk.journal;
        TeamService team = desk.team;
        JooqScheduleRepository schedule = desk.schedule;
        ClaimService claims = desk.claims;
        QualificationService work = desk.qualification;
        SchedulingService scheduling = desk.scheduling;
        views = new LeadService(repo);
        team.apply(List.of(new RepSpec("ann@example.com", "Ann", "Europe/Berlin", null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("ann@example.com"))), Actor.cli("test"));
        ann = team.repByEmail("ann@example.com").orElseThrow();
        queueId = team.queueByName("Inbound").orElseThrow().id();
        Instant now = Instant.now();

        leads.put("unowned", create(repo, journal, now));
        leads.put("untouched", owned(repo, journal, claims, now));
        LeadId attempted = owned(repo, journal, claims, now);
        work.logContact(attempted, ann, ContactChannel.CALL, false, null);
        leads.put("attempted", attempted);
        LeadId meeting = owned(repo, journal, claims, now);
        work.logContact(meeting, ann, ContactChannel.CALL, true, null);
        scheduling.book(meeting, ann, now.plus(Duration.ofDays(1)), Duration.ofMinutes(30), null, List.of());
        leads.put("meeting", meeting);
        LeadId declined = owned(repo, journal, claims, now);
        var booked = (ScheduleOutcome.Done<dev.leadline.core.scheduling.Meeting>) scheduling.book(declined, ann,
                now.plus(Duration.ofDays(2)), Duration.ofMinutes(30), null, List.of());
        scheduling.recordOutcome(booked.value().id(), ann, MeetingOutcome.DECLINED);
        leads.put("declined", declined);
        LeadId overdue = owned(repo, journal, claims, now);
        schedule.insertTask(overdue, ann.id(), "call back", now.minus(Duration.ofHours(30)), now.minus(Duration.ofDays(2)));
        leads.put("overdue", overdue);
        LeadId disqualified = owned(repo, journal, claims, now);
        work.disqualify(disqualified, ann, "No budget", null);
        leads.put("disqualified", disqualified);
        LeadId offered = create(repo, journal, now);
        claims.offer(offered, ann, team.queueByName("Inbound").orElseThrow(), null);
        leads.put("offered", offered);
        leads.put("idle", create(repo, journal, now.minus(Duration.ofDays(40))));
        JooqDuplicateFlags flags = new JooqDuplicateFlags(database.dsl());
        flags.flag(List.of(flag(repo, "unowned", "idle", now), flag(repo, "attempted", "idle", now), flag(repo, "offered", "unowned", now)));
        JooqDuplicateFlags.settle(database.dsl(), Map.of(1L, List.of(leads.get("offered"), leads.get("unowned"))), now);
    }

    /** {@code name}'s lead flagged as looking like {@code like}'s. */
    private static DuplicateFlags.Flag flag(JooqLeadRepository repo, String name, String like, Instant at) {
        Lead other = repo.find(leads.get(like)).orElseThrow();
        return new DuplicateFlags.Flag(leads.get(name), new DuplicateService.Duplicate(other, 0.8, List.of("lastName")), at);
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void eachViewHoldsExactlyTheLeadsItDescribes() {
        assertView(LeadView.NEW, "unowned", "idle", "offered");
        assertView(LeadView.QUEUE, "offered");
        assertView(LeadView.NOT_CONTACTED, "untouched", "overdue");
        assertView(LeadView.NO_ACTIVITY, "unowned", "untouched", "overdue", "offered", "idle");
        assertView(LeadView.ATTEMPTED, "attempted");
        assertView(LeadView.ENGAGED, "meeting");
        assertView(LeadView.MEETING_SCHEDULED, "meeting");
        assertView(LeadView.MEETING_DECLINED, "declined");
        assertView(LeadView.UPCOMING, "meeting");
        assertView(LeadView.OVERDUE, "overdue");
        assertView(LeadView.DISQUALIFIED, "disqualified");
        assertView(LeadView.IDLE, "idle");
        assertThat(ids(LeadView.NO_UPCOMING)).doesNotContain(leads.get("meeting"), leads.get("disqualified"))
                .contains(leads.get("attempted"), leads.get("overdue"));
        assertThat(ids(LeadView.MINE)).hasSize(6);
        for (LeadView view : List.of(LeadView.OVERDUE, LeadView.UPCOMING, LeadView.NO_UPCOMING)) {
            assertThat(views.list(query(view).withOwner(Optional.of(ann.id()))).items()).extracting(Lead::id).as("Ann's " + view.label())
                    .containsExactlyElementsOf(ids(view).stream().filter(id -> !id.equals(leads.get("unowned")) && !id.equals(leads.get("offered"))
                            && !id.equals(leads.get("idle"))).toList());
        }
    }

    @Test
    void theFlaggedViewAndFilterHoldTheLeadsWithAnOpenDuplicateFlag() {
        assertView(LeadView.FLAGGED, "unowned", "attempted");
        assertThat(views.list(query(LeadView.MINE).withOwner(Optional.of(ann.id())).withFlagged(Optional.of(true))).items())
                .extracting(Lead::id).containsExactly(leads.get("attempted"));
        assertThat(views.list(query(LeadView.NEW).withFlagged(Optional.of(false))).items()).extracting(Lead::id)
                .contains(leads.get("offered"), leads.get("idle")).doesNotContain(leads.get("unowned"));
        assertThat(views.counts(query(LeadView.ALL).withFlagged(Optional.of(true)))).containsEntry(LeadView.ALL, 2L).containsEntry(LeadView.NEW, 1L);
    }

    @Test
    void countsAgreeWithTheLists() {
        LeadQuery scope = query(LeadView.ALL);
        Map<LeadView, Long> counts = views.counts(scope);
        for (LeadView view : List.of(LeadView.NEW, LeadView.OVERDUE, LeadView.MEETING_SCHEDULED, LeadView.IDLE, LeadView.NO_ACTIVITY)) {
            assertThat(counts.get(view)).as(view.label()).isEqualTo(ids(view).size());
        }
        assertThat(counts).doesNotContainKey(LeadView.MINE);
    }

    @Test
    void taskAndMeetingViewsPageThroughTheSameSetOneByOneForEveryoneAndForARep() {
        for (Optional<Long> owner : List.of(Optional.<Long>empty(), Optional.of(ann.id()))) {
            for (LeadView view : List.of(LeadView.OVERDUE, LeadView.UPCOMING, LeadView.NO_UPCOMING, LeadView.ALL)) {
                List<LeadId> whole = views.list(query(view).withOwner(owner)).items().stream().map(Lead::id).toList();
                List<LeadId> paged = new java.util.ArrayList<>();
                Optional<dev.leadline.core.lead.LeadCursor> cursor = Optional.empty();
                do {
                    var page = views.list(query(view).withOwner(owner).withPage(1, cursor));
                    page.items().forEach(l -> paged.add(l.id()));
                    cursor = page.nextCursor().map(dev.leadline.core.lead.LeadCursor::decode);
                } while (cursor.isPresent());
                assertThat(paged).as(view.label() + " " + owner).containsExactlyElementsOf(whole).isNotEmpty();
            }
        }
    }

    private static void assertView(LeadView view, String... names) {
        assertThat(ids(view)).as(view.label()).containsExactlyInAnyOrder(java.util.Arrays.stream(names).map(leads::get).toArray(LeadId[]::new));
    }

    private static List<LeadId> ids(LeadView view) {
        LeadQuery q = query(view);
        if (view == LeadView.MINE) {
            q = q.withOwner(Optional.of(ann.id()));
        } else if (view == LeadView.QUEUE) {
            q = q.withQueue(Optional.of(queueId));
        }
        return views.list(q).items().stream().map(Lead::id).toList();
    }

    private static LeadQuery query(LeadView view) {
        return LeadQuery.at(Instant.now(), BERLIN).withView(view).withPage(100, Optional.empty());
    }

    private static LeadId create(JooqLeadRepository repo, LeadJournal journal, Instant at) {
        Lead lead = repo.insert(new NewLead(aLead().build(), null, null, at));
        journal.created(List.of(lead), ActivityType.CREATED, Actor.cli("test"), "Created");
        return lead.id();
    }

    private static LeadId owned(JooqLeadRepository repo, LeadJournal journal, ClaimService claims, Instant at) {
        LeadId id = create(repo, journal, at);
        assertThat(claims.assign(id, ann, ann, null)).isInstanceOf(LeadOutcome.Done.class);
        return id;
    }
}
