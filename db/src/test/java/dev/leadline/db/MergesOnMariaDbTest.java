package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.LEAD_FLAG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.activity.Activity;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.ConcurrentUpdateException;
import dev.leadline.core.dedupe.DuplicateFlags;
import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.dedupe.Identifiers;
import dev.leadline.core.dedupe.LeadMerge;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.NewLead;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Merges in MariaDB, many at once: each lead's belongings to its own survivor, each merge settling only its own flags. */
class MergesOnMariaDbTest {
    private final Database database = TestDatabases.fresh();
    private final JooqLeadRepository leads = new JooqLeadRepository(database.dsl(), Identifiers.NONE);
    private final JooqMerges merges = new JooqMerges(database.dsl());
    private final JooqActivityRepository activities = new JooqActivityRepository(database.dsl());

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void eachMergedLeadsTimelineGoesToItsOwnSurvivorAndBackAgain() {
        List<Lead> stored = leads.insertAll(List.of(lead("Ada"), lead("Grace"), lead("Alan"), lead("Edsger")));
        Map<LeadId, LeadId> survivorOf = new LinkedHashMap<>();
        survivorOf.put(stored.get(2).id(), stored.get(0).id());
        survivorOf.put(stored.get(3).id(), stored.get(1).id());
        activities.appendAll(List.of(note(stored.get(2), "Alan's note"), note(stored.get(3), "Edsger's note")));

        List<LeadMerge.Moved> moved = merges.moveBelongings(survivorOf);

        assertThat(moved).hasSize(2);
        assertThat(activities.forLead(stored.get(0).id(), 10)).extracting(Activity::summary).containsExactly("Alan's note");
        assertThat(activities.forLead(stored.get(1).id(), 10)).extracting(Activity::summary).containsExactly("Edsger's note");
        merges.moveBack(moved.stream().filter(m -> m.from().equals(stored.get(3).id())).toList(), stored.get(1).id());
        assertThat(activities.forLead(stored.get(3).id(), 10)).extracting(Activity::summary).containsExactly("Edsger's note");
        assertThat(activities.forLead(stored.get(0).id(), 10)).extracting(Activity::summary).containsExactly("Alan's note");
    }

    @Test
    void mergesSavedTogetherComeBackInOrderAndEachSettlesOnlyTheFlagsBetweenItsOwnLeads() {
        List<Lead> stored = leads.insertAll(List.of(lead("Ada"), lead("Grace"), lead("Alan"), lead("Edsger")));
        Instant now = Instant.now();
        // Alan looks like Ada, Edsger like Grace, Grace like Ada; Alan merges into Ada, Edsger into Grace
        new JooqDuplicateFlags(database.dsl()).flag(List.of(flag(stored.get(2), stored.get(0), now), flag(stored.get(3), stored.get(1), now),
                flag(stored.get(1), stored.get(0), now)));

        List<LeadMerge> saved = merges.saveAll(List.of(merge(stored.get(0), stored.get(2), now), merge(stored.get(1), stored.get(3), now)));

        assertThat(saved).extracting(LeadMerge::survivor).containsExactly(stored.get(0).id(), stored.get(1).id());
        assertThat(saved.get(1).id()).isGreaterThan(saved.get(0).id());
        assertThat(merges.latestInto(stored.get(1).id()).orElseThrow().mergedIds()).containsExactly(stored.get(3).id());
        assertThat(settledBy(stored.get(2))).isEqualTo(saved.get(0).id());
        assertThat(settledBy(stored.get(3))).isEqualTo(saved.get(1).id());
        assertThat(settledBy(stored.get(1))).as("Grace and Ada were joined by no merge").isNull();
    }

    @Test
    void manyLeadsDataChangesInOneWriteOrNoneWhenOneMovedOn() {
        List<Lead> stored = leads.insertAll(List.of(lead("Ada"), lead("Grace")));
        List<LeadData> titled = stored.stream().map(l -> l.data().overlaidWith(new LeadData(Map.of(LeadField.TITLE, "Engineer"), Map.of())))
                .toList();
        leads.updateStage(stored.get(1), stored.get(1).stage(), Instant.now()); // Grace moves on

        assertThatThrownBy(() -> new JooqTransactor(database.dsl()).inTransaction(() -> leads.updateAllData(stored, titled, Instant.now())))
                .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining(stored.get(1).id().toString());
        assertThat(leads.find(stored.get(0).id()).orElseThrow().data().getOrNull(LeadField.TITLE)).as("rolled back with the rest").isNull();

        List<Lead> updated = leads.updateAllData(List.of(stored.get(0), leads.find(stored.get(1).id()).orElseThrow()), titled, Instant.now());
        assertThat(updated).extracting(l -> l.data().getOrNull(LeadField.TITLE)).containsExactly("Engineer", "Engineer");
        assertThat(updated).extracting(Lead::id).containsExactly(stored.get(0).id(), stored.get(1).id());
        assertThat(leads.find(stored.get(1).id()).orElseThrow().data().getOrNull(LeadField.FIRST_NAME)).isEqualTo("Grace");
    }

    private Long settledBy(Lead lead) {
        return database.dsl().select(LEAD_FLAG.SETTLED_BY_MERGE).from(LEAD_FLAG).where(LEAD_FLAG.LEAD_ID.eq(lead.id().value()))
                .fetchOne(LEAD_FLAG.SETTLED_BY_MERGE);
    }

    private static LeadMerge merge(Lead survivor, Lead merged, Instant at) {
        return new LeadMerge(0, survivor.id(), survivor.data(), survivor.data(), survivor.createdAt(),
                List.of(new LeadMerge.Member(merged.id(), merged.stage())), List.of(), "test", at, null);
    }

    private static DuplicateFlags.Flag flag(Lead lead, Lead like, Instant at) {
        return new DuplicateFlags.Flag(lead.id(), new DuplicateService.Duplicate(like, 0.8, List.of("lastName")), at);
    }

    private static Activity note(Lead lead, String text) {
        return new Activity(lead.id(), ActivityType.NOTE, Actor.SYSTEM, Instant.now(), text);
    }

    private static NewLead lead(String name) {
        return new NewLead(new LeadData(Map.of(LeadField.FIRST_NAME, name, LeadField.LAST_NAME, "Tester"), Map.of()), null, null, Instant.now());
    }
}
