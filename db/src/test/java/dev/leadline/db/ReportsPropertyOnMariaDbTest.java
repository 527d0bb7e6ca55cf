package dev.leadline.db;

import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.common.Actor;
import dev.leadline.core.conversion.ConvertRequest;
import dev.leadline.core.intake.CreateOutcome;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.qualification.ContactChannel;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.report.LeadEvent;
import dev.leadline.core.report.LeadEvents;
import dev.leadline.core.report.LeadHistory;
import dev.leadline.core.report.MeetingFact;
import dev.leadline.core.report.ReportFilter;
import dev.leadline.core.report.Reports;
import dev.leadline.core.report.ReportTable;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random lead histories made through the real services on MariaDB (creation, offers and claims,
 * assignments, contacts, meetings, qualification, disqualification, conversion and its undoing,
 * merges and unmerges), a clock that moves by random steps; the funnel, conversion and reps reports must
 * equal what is counted by brute force from the steps the test itself took, and the funnel and conversion
 * reports served from the per-lead summaries must equal what the raw facts say, also after the summaries
 * are dropped and rebuilt.
 */
class ReportsPropertyOnMariaDbTest {
    private static final List<String> SOURCES = List.of("Web", "Ads", "Referral");
    private static final List<String> CAMPAIGNS = List.of("Spring", "Fall", "");
    private static final List<String> REASONS = List.of("No budget", "No need", "Bad timing");
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    /** What the test did to one lead, as it counts it. */
    private static final class Model {
        final LeadId id;
        String source;
        Rep rep;
        int stage;
        boolean qualified;
        boolean converted;
        Rep convertedBy;
        BigDecimal amount;
        String disqualified;
        int disqualifiedAt;
        boolean mergedAway;
        boolean everMerged;
        Rep claimedBy;
        Rep qualifiedBy;
        /** Qualifications as facts: undoing the conversion of a qualified lead qualifies it again. */
        int qualifications;
        Duration toClaim;

        Model(LeadId id, String source) {
            this.id = id;
            this.source = source;
        }

        int furthest() {
            return converted ? 4 : stage;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void funnelAndConversionEqualWhatTheHistoriesSay(long seed) {
        Random random = new Random(seed);
        MutableClock clock = new MutableClock(T0);
        try (TestDesk desk = new TestDesk(clock)) {
            desk.team.apply(List.of(rep("jane@example.com", "REP"), rep("bob@example.com", "REP"), rep("mia@example.com", "MANAGER")),
                    List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "bob@example.com"))), Actor.cli("test"));
            Rep mia = desk.team.repByEmail("mia@example.com").orElseThrow();
            List<Rep> reps = List.of(desk.team.repByEmail("jane@example.com").orElseThrow(), desk.team.repByEmail("bob@example.com").orElseThrow());
            List<Model> models = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                models.add(live(desk, clock, random, mia, reps, i));
            }
            mergeSome(desk, clock, random, mia, models);
            assertThat(models).as("the histories hold merges, conversions and disqualifications")
                    .anyMatch(m -> m.everMerged).anyMatch(m -> m.converted).anyMatch(m -> m.disqualified != null);

            ReportFilter filter = ReportFilter.parse(Map.of("from", "2026-03-01", "to", "2026-04-30", "by", "source"), List.of("source"),
                    desk.team, clock.instant());
            assertThat(funnelOf(desk.reports.funnel(filter))).isEqualTo(expectedFunnel(models));
            assertThat(conversionOf(desk.reports.conversion(filter))).isEqualTo(expectedConversion(models, m -> m.source));
            ReportFilter byRep = ReportFilter.parse(Map.of("from", "2026-03-01", "to", "2026-04-30", "by", "rep"), List.of("rep"),
                    desk.team, clock.instant());
            assertThat(conversionOf(desk.reports.conversion(byRep)))
                    .isEqualTo(expectedConversion(models, m -> (m.converted ? m.convertedBy : m.rep) == null ? "(none)"
                            : (m.converted ? m.convertedBy : m.rep).email()));
            ReportFilter days = ReportFilter.parse(Map.of("from", "2026-03-01", "to", "2026-04-30", "by", "day"), List.of("day"),
                    desk.team, clock.instant());
            assertThat(desk.reports.trends(days).rows().stream().mapToLong(r -> (Long) r.get("conversions")).sum())
                    .isEqualTo(models.stream().filter(m -> m.converted).count());
            assertThat(repsOf(desk.reports.reps(filter(desk, clock, "rep", Map.of())))).isEqualTo(expectedReps(models, reps));

            assertThat(desk.rollups.waiting()).as("tally changes wait to be folded").isPositive();
            assertServedEqualsBruteForce(desk, clock, "nothing folded yet");
            desk.rollups.fold(5);
            assertServedEqualsBruteForce(desk, clock, "some folded");
            desk.rollups.foldAll(50);
            assertThat(desk.rollups.waiting()).isZero();
            assertServedEqualsBruteForce(desk, clock, "all folded");
            assertThat(desk.events.summariesMissing()).isFalse();

            var dsl = desk.database.dsl();
            dsl.truncate(dev.leadline.db.jooq.Tables.LEAD_REPORT).execute();
            dsl.truncate(dev.leadline.db.jooq.Tables.REPORT_ROLLUP).execute();
            dsl.truncate(dev.leadline.db.jooq.Tables.REPORT_DELTA).execute();
            assertThat(desk.events.summariesMissing()).as("as after the upgrade").isTrue();
            assertThat(funnelOf(desk.reports.funnel(filter))).as("counted from the facts until the tallies are worked out")
                    .isEqualTo(expectedFunnel(models));
            JooqTransactor transactor = new JooqTransactor(dsl);
            int[] batches = {0};
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> desk.events.rebuildSummaries(transactor, 7, done -> {
                desk.rollups.foldAll(3);
                if (++batches[0] == 2) {
                    throw new IllegalStateException("stopped half way");
                }
            })).hasMessage("stopped half way");
            assertThat(desk.events.summariesMissing()).as("as after a first summarising stopped half way").isTrue();
            assertThat(desk.events.rebuildSummaries(transactor, 7, done -> desk.rollups.foldAll(3), desk.events.summarisedUpTo()))
                    .isEqualTo(models.size() - 14);
            assertServedEqualsBruteForce(desk, clock, "after a first summarising resumed");
            assertThat(desk.events.rebuildSummaries(transactor, 9, done -> { })).as("reports rebuild").isEqualTo(models.size());
            assertThat(desk.rollups.waiting()).as("nothing changed, nothing to fold").isZero();
            assertServedEqualsBruteForce(desk, clock, "after reports rebuild");
            assertThat(funnelOf(desk.reports.funnel(filter))).as("after reports rebuild").isEqualTo(expectedFunnel(models));
        }
    }

    /**
     * Every report as served (from the kept sums of the leads' tallies, the changes not yet folded into
     * them, and the facts of the hours the report's edges or periods cut) equals what is counted from the
     * raw facts of every lead's history: for every grouping, narrowed or not, in a zone on whole hours,
     * one on half hours and UTC, for whole days and for the 30 days up to now, medians included.
     */
    static void assertServedEqualsBruteForce(TestDesk desk, MutableClock clock, String when) {
        LeadEvents raw = new LeadEvents() {
            @Override
            public void append(List<LeadEvent> events) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<LeadHistory> historiesBetween(Instant from, Instant to) {
                return desk.events.historiesBetween(from, to);
            }

            @Override
            public List<MeetingFact> meetingsBetween(Instant from, Instant to) {
                return desk.events.meetingsBetween(from, to);
            }
        };
        Reports bruteForce = new Reports(raw, desk.team, new LeadService(desk.leads), clock);
        for (Map<String, String> period : List.of(Map.of("from", "2026-03-01", "to", "2026-04-30", "tz", "Europe/Berlin"),
                Map.of("from", "2026-03-03", "to", "2026-03-20", "tz", "Asia/Kolkata"), Map.<String, String>of())) {
            for (Map<String, String> narrowed : List.of(Map.<String, String>of(), Map.of("queue", "Inbound"), Map.of("rep", "jane@example.com"),
                    Map.of("source", "web"), Map.of("rep", "bob@example.com", "source", "ads"))) {
                Map<String, String> asked = new HashMap<>(period);
                asked.putAll(narrowed);
                for (String by : List.of("none", "source", "campaign", "queue", "rep", "week", "month")) {
                    ReportFilter f = asked(desk, clock, by, asked);
                    assertThat(desk.reports.funnel(f).rows()).as("funnel by %s %s, %s", by, asked, when).isEqualTo(bruteForce.funnel(f).rows());
                    if (!by.equals("none")) {
                        assertThat(desk.reports.conversion(f).rows()).as("conversion by %s %s, %s", by, asked, when)
                                .isEqualTo(bruteForce.conversion(f).rows());
                    }
                }
                for (String by : List.of("day", "week")) {
                    ReportFilter f = asked(desk, clock, by, asked);
                    assertThat(desk.reports.trends(f).rows()).as("trends by %s %s, %s", by, asked, when).isEqualTo(bruteForce.trends(f).rows());
                }
                ReportFilter f = asked(desk, clock, "rep", asked);
                assertThat(desk.reports.reps(f).rows()).as("reps %s, %s", asked, when).isEqualTo(bruteForce.reps(f).rows());
            }
        }
    }

    private static ReportFilter filter(TestDesk desk, MutableClock clock, String by, Map<String, String> narrowed) {
        Map<String, String> params = new HashMap<>(Map.of("from", "2026-03-01", "to", "2026-04-30", "tz", "Europe/Berlin"));
        params.putAll(narrowed);
        params.put("by", by);
        return ReportFilter.parse(params, List.of(by), desk.team, clock.instant());
    }

    /** Asked as given: without a period, the 30 days up to now in UTC. */
    private static ReportFilter asked(TestDesk desk, MutableClock clock, String by, Map<String, String> asked) {
        Map<String, String> params = new HashMap<>(asked);
        params.put("by", by);
        return ReportFilter.parse(params, List.of(by), desk.team, clock.instant());
    }

    /** rep → "claimed medianToClaim p90ToClaim qualified converted amount". */
    private static Map<String, String> repsOf(ReportTable table) {
        Map<String, String> out = new TreeMap<>();
        table.rows().stream().filter(r -> !r.get("rep").equals("mia@example.com")).forEach(r -> out.put((String) r.get("rep"),
                r.get("claimed") + " " + r.get("medianSecondsToClaim") + " " + r.get("p90SecondsToClaim") + " " + r.get("qualified") + " "
                        + r.get("converted") + " " + ((BigDecimal) r.get("convertedAmount")).stripTrailingZeros().toPlainString()));
        return out;
    }

    private static Map<String, String> expectedReps(List<Model> models, List<Rep> reps) {
        Map<String, String> out = new TreeMap<>();
        for (Rep rep : reps) {
            List<Model> claimed = models.stream().filter(m -> rep.equals(m.claimedBy)).toList();
            List<Duration> toClaim = claimed.stream().map(m -> m.toClaim).sorted().toList();
            long qualified = models.stream().filter(m -> !m.mergedAway && rep.equals(m.qualifiedBy)).mapToLong(m -> m.qualifications).sum();
            List<Model> converted = models.stream().filter(m -> m.converted && rep.equals(m.convertedBy)).toList();
            out.put(rep.email(), claimed.size() + " " + nearestRank(toClaim, 50) + " " + nearestRank(toClaim, 90) + " " + qualified + " "
                    + converted.size() + " " + converted.stream().map(m -> m.amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .stripTrailingZeros().toPlainString());
        }
        return out;
    }

    private static Long nearestRank(List<Duration> sorted, int p) {
        return sorted.isEmpty() ? null : Reports.reportedSeconds(sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)).toSeconds());
    }

    static RepSpec rep(String email, String role) {
        return new RepSpec(email, email.substring(0, email.indexOf('@')), null, null, null, true, role, Map.of());
    }

    /** One lead's life: created, given to a rep, worked, decided, perhaps converted and unconverted. */
    private static Model live(TestDesk desk, MutableClock clock, Random random, Rep mia, List<Rep> reps, int i) {
        String source = SOURCES.get(random.nextInt(SOURCES.size()));
        var lead = aLead().withEmail("lead" + i + "@example.com").with(LeadField.SOURCE, source);
        String campaign = CAMPAIGNS.get(random.nextInt(CAMPAIGNS.size()));
        var created = (CreateOutcome.Created) desk.intake.create((campaign.isEmpty() ? lead : lead.with(LeadField.CAMPAIGN, campaign)).build(),
                Actor.token("test"), Optional.empty());
        Model m = new Model(created.lead().id(), source);
        step(clock, random);
        if (random.nextInt(6) == 0) {
            m.source = SOURCES.get(random.nextInt(SOURCES.size()));
            resourced(desk, clock, m);
        }
        Rep rep = reps.get(random.nextInt(reps.size()));
        if (random.nextBoolean()) {
            desk.claims.offer(m.id, mia, desk.team.queueByName("Inbound").orElseThrow(), null);
            Instant offered = clock.instant();
            step(clock, random);
            desk.claims.claim(m.id, rep);
            m.claimedBy = rep;
            m.toClaim = Duration.between(offered, clock.instant());
        } else {
            desk.claims.assign(m.id, mia, rep, null);
        }
        m.rep = rep;
        for (int c = random.nextInt(4); c > 0; c--) {
            step(clock, random);
            boolean reached = random.nextInt(3) == 0;
            desk.qualification.logContact(m.id, rep, ContactChannel.CALL, reached, null);
            m.stage = Math.max(m.stage, reached ? 2 : 1);
        }
        if (random.nextInt(4) == 0) {
            step(clock, random);
            desk.scheduling.book(m.id, rep, clock.instant().plus(Duration.ofDays(1)), Duration.ofMinutes(30), "Intro", List.of());
            m.stage = Math.max(m.stage, 2);
        }
        step(clock, random);
        int decision = random.nextInt(10);
        if (decision < 4) {
            desk.qualification.qualify(m.id, rep, null);
            m.stage = 3;
            m.qualifiedBy = rep;
            m.qualifications = 1;
        } else if (decision < 7) {
            String reason = REASONS.get(random.nextInt(REASONS.size()));
            desk.qualification.disqualify(m.id, rep, reason, null);
            m.disqualified = reason;
            m.disqualifiedAt = m.stage;
            return m;
        }
        if (random.nextInt(3) > 0) {
            step(clock, random);
            convert(desk, m, rep, random);
            if (random.nextInt(3) == 0) {
                step(clock, random);
                desk.conversion.unconvert(m.id, rep);
                m.converted = false;
                m.qualifications += m.qualifiedBy == null ? 0 : 1;
                if (random.nextBoolean()) {
                    Rep other = reps.get(1 - reps.indexOf(rep));
                    desk.claims.assign(m.id, mia, other, "takes it over");
                    m.rep = other;
                    step(clock, random);
                    convert(desk, m, other, random);
                }
            }
        }
        return m;
    }

    /** The lead's source edited (as an import or a plugin writes it back): the reports count it in its new source. */
    private static void resourced(TestDesk desk, MutableClock clock, Model m) {
        new JooqTransactor(desk.database.dsl()).inTransaction(() -> {
            var before = desk.leads.find(m.id).orElseThrow();
            var fields = new java.util.EnumMap<LeadField, String>(LeadField.class);
            fields.putAll(before.data().fields());
            fields.put(LeadField.SOURCE, m.source);
            var after = desk.leads.updateData(before, new dev.leadline.core.lead.LeadData(fields, before.data().customFields()), clock.instant());
            desk.journal.updated(before, after, Actor.token("test"), "Source edited", clock.instant());
        });
    }

    private static void convert(TestDesk desk, Model m, Rep by, Random random) {
        BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(900));
        desk.conversion.convert(m.id, by, new ConvertRequest(Optional.empty(), Optional.of("Account of " + m.id),
                Optional.of(new ConvertRequest.OpportunitySpec("Deal", amount, LocalDate.of(2026, 6, 1), "Prospecting"))));
        m.converted = true;
        m.convertedBy = by;
        m.amount = amount;
    }

    /** Merges some open leads into others, and undoes some of those merges. */
    private static void mergeSome(TestDesk desk, MutableClock clock, Random random, Rep mia, List<Model> models) {
        List<Model> open = new ArrayList<>(models.stream().filter(m -> !m.converted && m.disqualified == null).toList());
        for (int k = 0; k + 1 < open.size() && k < 10; k += 2) {
            Model survivor = open.get(k);
            Model other = open.get(k + 1);
            step(clock, random);
            desk.merges.merge(survivor.id, List.of(other.id), Map.of(), mia);
            other.mergedAway = desk.leads.find(other.id).orElseThrow().status() == LeadStatus.MERGED;
            other.everMerged = other.mergedAway;
            if (other.mergedAway && random.nextBoolean()) {
                step(clock, random);
                desk.merges.unmerge(survivor.id, mia);
                requalified(desk, other);
                other.mergedAway = desk.leads.find(other.id).orElseThrow().status() == LeadStatus.MERGED;
            }
        }
    }

    /** A qualified lead whose merge is undone is qualified again, as a fact, for the rep who has it. */
    private static void requalified(TestDesk desk, Model unmerged) {
        if (desk.leads.find(unmerged.id).orElseThrow().status() == LeadStatus.QUALIFIED) {
            unmerged.qualifiedBy = unmerged.rep;
            unmerged.qualifications++;
        }
    }

    private static void step(MutableClock clock, Random random) {
        clock.advance(Duration.ofMinutes(1 + random.nextInt(180)));
    }

    /** "group/step" → [leads, disqualified] and "group/step/reason" → count. */
    private static Map<String, Long> funnelOf(ReportTable table) {
        Map<String, Long> out = new TreeMap<>();
        for (Map<String, Object> row : table.rows()) {
            String key = row.get("group") + "/" + row.get("step");
            out.put(key, (Long) row.get("leads"));
            ((Map<?, ?>) row.get("disqualifiedReasons")).forEach((reason, n) -> out.put(key + "/" + reason, (Long) n));
        }
        return out;
    }

    private static Map<String, Long> expectedFunnel(List<Model> models) {
        String[] steps = {"created", "contacted", "engaged", "qualified", "converted"};
        Map<String, Long> out = new TreeMap<>();
        for (Model m : models) {
            if (m.mergedAway) {
                continue;
            }
            for (int s = 0; s < steps.length; s++) {
                out.merge(m.source + "/" + steps[s], m.furthest() >= s ? 1L : 0L, Long::sum);
            }
            if (m.disqualified != null) {
                out.merge(m.source + "/" + steps[m.disqualifiedAt] + "/" + m.disqualified, 1L, Long::sum);
            }
        }
        return out;
    }

    /** group → "leads converted amount". */
    private static Map<String, String> conversionOf(ReportTable table) {
        Map<String, String> out = new TreeMap<>();
        table.rows().forEach(r -> out.put((String) r.get("group"), r.get("leads") + " " + r.get("converted") + " "
                + ((BigDecimal) r.get("amount")).stripTrailingZeros().toPlainString()));
        return out;
    }

    private static Map<String, String> expectedConversion(List<Model> models, java.util.function.Function<Model, String> group) {
        Map<String, long[]> counts = new HashMap<>();
        Map<String, BigDecimal> amounts = new HashMap<>();
        for (Model m : models) {
            if (!m.mergedAway) {
                long[] c = counts.computeIfAbsent(group.apply(m), k -> new long[2]);
                c[0]++;
                c[1] += m.converted ? 1 : 0;
                amounts.merge(group.apply(m), m.converted ? m.amount : BigDecimal.ZERO, BigDecimal::add);
            }
        }
        Map<String, String> out = new TreeMap<>();
        counts.forEach((g, c) -> out.put(g, c[0] + " " + c[1] + " " + amounts.get(g).stripTrailingZeros().toPlainString()));
        return out;
    }
}
