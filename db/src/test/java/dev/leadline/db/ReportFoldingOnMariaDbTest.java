package dev.leadline.db;

import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.common.Actor;
import dev.leadline.core.conversion.ConvertRequest;
import dev.leadline.core.intake.CreateOutcome;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.qualification.ContactChannel;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.Rep;
import dev.leadline.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Leads worked by four threads at once while two folders (the job on two nodes, or the job and a
 * rebuild) fold the queued tally changes into the sums: nothing is folded twice or lost, and the reports
 * equal the counts from the raw facts.
 */
class ReportFoldingOnMariaDbTest {
    @Test
    void concurrentWritesAndFoldsLeaveSumsThatEqualTheFacts() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-10T10:00:00Z"));
        try (TestDesk desk = new TestDesk(clock)) {
            desk.team.apply(List.of(ReportsPropertyOnMariaDbTest.rep("jane@example.com", "REP"), ReportsPropertyOnMariaDbTest.rep("bob@example.com", "REP"),
                    ReportsPropertyOnMariaDbTest.rep("mia@example.com", "MANAGER")),
                    List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "bob@example.com"))), Actor.cli("test"));
            Rep mia = desk.team.repByEmail("mia@example.com").orElseThrow();
            List<Rep> reps = List.of(desk.team.repByEmail("jane@example.com").orElseThrow(), desk.team.repByEmail("bob@example.com").orElseThrow());
            ExecutorService pool = Executors.newFixedThreadPool(6);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<?>> folders = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                folders.add(pool.submit(() -> {
                    while (writing.get()) {
                        desk.rollups.fold(3);
                    }
                    return null;
                }));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 12; i++) {
                        var created = (CreateOutcome.Created) desk.intake.create(aLead().withEmail("t" + thread + "-" + i + "@example.com")
                                .with(LeadField.SOURCE, i % 2 == 0 ? "Web" : "Ads").build(), Actor.token("test"), Optional.empty());
                        LeadId id = created.lead().id();
                        Rep rep = reps.get((thread + i) % 2);
                        desk.claims.assign(id, mia, rep, null);
                        desk.qualification.logContact(id, rep, ContactChannel.CALL, i % 3 == 0, null);
                        if (i % 4 == 0) {
                            desk.qualification.disqualify(id, rep, "No budget", null);
                        } else if (i % 4 == 1) {
                            desk.qualification.qualify(id, rep, null);
                            desk.conversion.convert(id, rep, new ConvertRequest(Optional.empty(), Optional.of("Account " + id), Optional.empty()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get();
            }
            writing.set(false);
            for (Future<?> f : folders) {
                f.get();
            }
            pool.shutdown();
            clock.advance(Duration.ofHours(1));
            ReportsPropertyOnMariaDbTest.assertServedEqualsBruteForce(desk, clock, "after concurrent folds");
            desk.rollups.foldAll(100);
            assertThat(desk.rollups.waiting()).isZero();
            ReportsPropertyOnMariaDbTest.assertServedEqualsBruteForce(desk, clock, "all folded");
            assertThat(desk.reports.funnel(dev.leadline.core.report.ReportFilter.parse(java.util.Map.of("from", "2026-03-10", "to", "2026-03-10"),
                    List.of("none"), desk.team, clock.instant())).rows().get(0).get("leads")).isEqualTo(48L);
        }
    }
}
