package dev.leadline.db;

import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.claim.ClaimService;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadOutcome;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.lead.NewLead;
import dev.leadline.core.qualification.ContactChannel;
import dev.leadline.core.qualification.QualificationService;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Claims, releases, assignments and qualification on a real MariaDB, including a claim race. */
class LifecycleOnMariaDbTest {
    private static Database database;
    private static JooqLeadRepository leads;
    private static JooqActivityRepository timeline;
    private static JooqAuditLog audit;
    private static TeamService team;
    private static ClaimService claims;
    private static QualificationService qualification;
    private static List<Rep> members;
    private static Rep manager;
    private static Rep outsider;
    private static LeadQueue inbound;

    private static TestDesk desk;

    @BeforeAll
    static void setUp() {
        desk = new TestDesk(Clock.systemUTC());
        database = desk.database;
        leads = desk.leads;
        timeline = desk.timeline;
        audit = desk.audit;
        team = desk.team;
        claims = desk.claims;
        qualification = desk.qualification;
        List<RepSpec> reps = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            reps.add(new RepSpec("rep" + i + "@example.com", "Rep " + i, null, null, null, true, "REP", Map.of()));
            emails.add("rep" + i + "@example.com");
        }
        reps.add(new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of()));
        reps.add(new RepSpec("zed@example.com", "Zed Outside", null, null, null, true, "REP", Map.of()));
        team.apply(reps, List.of(new QueueSpec("Inbound", null, emails)), Actor.cli("test"));
        members = emails.stream().map(e -> team.repByEmail(e).orElseThrow()).toList();
        manager = team.repByEmail("mia@example.com").orElseThrow();
        outsider = team.repByEmail("zed@example.com").orElseThrow();
        inbound = team.queueByName("Inbound").orElseThrow();
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void fiftySimultaneousClaimsHaveExactlyOneWinnerAndTheOthersAreToldWho() throws Exception {
        for (int round = 0; round < 5; round++) {
            Lead lead = offeredLead();
            ExecutorService pool = Executors.newFixedThreadPool(members.size());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<LeadOutcome>> results = new ArrayList<>();
            for (Rep rep : members) {
                results.add(pool.submit(() -> {
                    start.await();
                    return claims.claim(lead.id(), rep);
                }));
            }
            start.countDown();
            List<LeadOutcome> outcomes = new ArrayList<>();
            for (Future<LeadOutcome> f : results) {
                outcomes.add(f.get());
            }
            pool.shutdown();

            assertThat(outcomes).filteredOn(o -> o instanceof LeadOutcome.Done).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof LeadOutcome.AlreadyClaimed).hasSize(members.size() - 1);
            Lead won = ((LeadOutcome.Done) outcomes.stream().filter(o -> o instanceof LeadOutcome.Done).findFirst().orElseThrow()).lead();
            String winner = team.rep(won.ownerRepId()).orElseThrow().name();
            assertThat(outcomes).filteredOn(o -> o instanceof LeadOutcome.AlreadyClaimed)
                    .allSatisfy(o -> assertThat(((LeadOutcome.AlreadyClaimed) o).ownerName()).isEqualTo(winner));
            assertThat(timeline.forLead(lead.id(), 100)).filteredOn(a -> a.type() == ActivityType.CLAIMED).hasSize(1);
        }
    }

    @Test
    void onlyQueueMembersClaimAndOnlyTheOwnerOrAManagerWorksTheLead() {
        Lead lead = offeredLead();
        assertThat(claims.claim(lead.id(), outsider)).isInstanceOf(LeadOutcome.NotAllowed.class);
        assertThat(qualification.qualify(lead.id(), members.get(0), null)).isInstanceOf(LeadOutcome.NotAllowed.class);

        assertThat(claims.claim(lead.id(), members.get(0))).isInstanceOf(LeadOutcome.Done.class);
        assertThat(claims.claim(lead.id(), members.get(0))).as("claiming again is harmless").isInstanceOf(LeadOutcome.Done.class);
        assertThat(qualification.qualify(lead.id(), members.get(1), null)).isInstanceOf(LeadOutcome.NotAllowed.class);
        assertThat(claims.release(lead.id(), members.get(1))).isInstanceOf(LeadOutcome.NotAllowed.class);
        assertThat(claims.assign(lead.id(), members.get(0), members.get(1), "swap")).isInstanceOf(LeadOutcome.NotAllowed.class);

        LeadOutcome released = claims.release(lead.id(), members.get(0));
        assertThat(((LeadOutcome.Done) released).lead().ownerRepId()).isNull();
        assertThat(((LeadOutcome.Done) released).lead().queueId()).isEqualTo(inbound.id());
        assertThat(claims.claim(lead.id(), members.get(1))).isInstanceOf(LeadOutcome.Done.class);
    }

    @Test
    void contactAttemptsQualificationAndDisqualificationMoveTheStatusAndAreRecorded() {
        Lead lead = offeredLead();
        Rep owner = members.get(2);
        claims.claim(lead.id(), owner);

        Lead attempted = done(qualification.logContact(lead.id(), owner, ContactChannel.CALL, false, "voicemail"));
        assertThat(attempted.status()).isEqualTo(LeadStatus.ATTEMPTED);
        assertThat(attempted.stage().firstTouchedAt()).isNotNull();
        Lead engaged = done(qualification.logContact(lead.id(), owner, ContactChannel.EMAIL, true, null));
        assertThat(engaged.status()).isEqualTo(LeadStatus.ENGAGED);
        assertThat(engaged.stage().firstTouchedAt()).isEqualTo(attempted.stage().firstTouchedAt());

        assertThatThrownBy(() -> qualification.disqualify(lead.id(), owner, "Smells funny", null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("No budget");
        Lead disqualified = done(qualification.disqualify(lead.id(), owner, "no budget", "next year maybe"));
        assertThat(disqualified.status()).isEqualTo(LeadStatus.DISQUALIFIED);
        assertThat(disqualified.stage().statusReason()).isEqualTo("No budget");
        assertThat(qualification.qualify(lead.id(), owner, null)).isInstanceOf(LeadOutcome.WrongState.class);
        assertThat(done(qualification.addNote(lead.id(), owner, "Called back, still no budget")).status())
                .isEqualTo(LeadStatus.DISQUALIFIED);

        assertThat(timeline.forLead(lead.id(), 10)).extracting(a -> a.type()).containsExactly(ActivityType.NOTE,
                ActivityType.DISQUALIFIED, ActivityType.CONTACT_ATTEMPT, ActivityType.CONTACT_ATTEMPT, ActivityType.CLAIMED,
                ActivityType.OFFERED, ActivityType.CREATED);
        assertThat(timeline.forLead(lead.id(), 10).get(1).details()).isEqualTo("next year maybe");
        List<AuditEntry> changes = audit.forEntity("lead", lead.id().toString());
        AuditEntry disqualifying = changes.stream().filter(e -> e.action().equals("disqualified")).findFirst().orElseThrow();
        assertThat(disqualifying.before()).containsEntry("status", "ENGAGED");
        assertThat(disqualifying.after()).containsEntry("status", "DISQUALIFIED").containsEntry("statusReason", "No budget");
    }

    @Test
    void managersAssignToARepOrOfferToAQueue() {
        Lead lead = offeredLead();
        Lead assigned = done(claims.assign(lead.id(), manager, members.get(3), "knows the account"));
        assertThat(assigned.ownerRepId()).isEqualTo(members.get(3).id());
        Lead reoffered = done(claims.offer(lead.id(), manager, inbound, "back to the pool"));
        assertThat(reoffered.ownerRepId()).isNull();
        assertThat(timeline.forLead(lead.id(), 1).get(0).summary()).contains("Offered to Inbound by Mia Chen: back to the pool");
    }

    private static Lead offeredLead() {
        Lead lead = leads.insert(new NewLead(aLead().build(), null, null, Instant.now()));
        new LeadJournal(timeline, audit).created(List.of(lead), ActivityType.CREATED, Actor.cli("test"), "Created");
        return done(claims.offer(lead.id(), manager, inbound, null));
    }

    private static Lead done(LeadOutcome outcome) {
        assertThat(outcome).isInstanceOf(LeadOutcome.Done.class);
        return ((LeadOutcome.Done) outcome).lead();
    }
}
