package dev.leadline.bench;

import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadDraft;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.routing.RoutingDecision;
import dev.leadline.core.routing.RoutingEngine;
import dev.leadline.core.routing.RoutingFacts;
import dev.leadline.core.routing.RoutingRequest;
import dev.leadline.core.routing.RuleSet;
import dev.leadline.core.routing.RuleSetParser;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.team.TeamService;
import dev.leadline.core.testing.DirectTransactor;
import dev.leadline.core.testing.InMemoryJournal;
import dev.leadline.core.testing.InMemoryRoutingState;
import dev.leadline.core.testing.InMemoryTeam;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * One routing decision, in-process: a rule set of 200 entries (territories by country and postcode,
 * employee bands, regexes, combined with all/any/not) over four queues of 50 reps each (round robin,
 * weighted, least-loaded with capacities, claim-first), with working hours, caps and reps who already
 * had the lead. {@code RoutingDecisionBench [decisions]}.
 */
public final class RoutingDecisionBench {
    private static final String[] COUNTRIES = {"US", "CA", "GB", "DE", "FR", "ES", "IT", "NL", "SE", "NO", "DK", "FI", "PL", "CZ", "AT",
        "CH", "BE", "IE", "PT", "JP", "KR", "AU", "NZ", "BR", "MX", "AR", "IN", "SG", "ZA", "IL"};

    public static void main(String[] args) {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        InMemoryTeam repository = new InMemoryTeam();
        TeamService team = new TeamService(new DirectTransactor(), repository.reps, repository.queues, new InMemoryJournal(), Clock.systemUTC());
        List<RepSpec> reps = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String email = "rep" + i + "@bench.example";
            emails.add(email);
            reps.add(new RepSpec(email, "Rep " + i, i % 2 == 0 ? "UTC" : "America/New_York", i % 5 == 0 ? "MON-FRI 08:00-18:00" : null,
                    i % 3 == 0 ? 1_000_000 : null, true, "REP", Map.of()));
        }
        Map<String, Integer> weights = new LinkedHashMap<>();
        emails.forEach(e -> weights.put(e, 100 + 50 * (e.hashCode() & 3)));
        QueueSpec.CapsSpec caps = new QueueSpec.CapsSpec(new QueueSpec.Limits(1_000_000, null, null), null, "Europe/Berlin");
        team.apply(reps, List.of(new QueueSpec("Round robin", null, emails, Map.of(), "round-robin", null, caps, null),
                new QueueSpec("Weighted", null, emails, Map.of(), "weighted", weights, caps, null),
                new QueueSpec("Least loaded", null, emails, Map.of(), "least-loaded", null, null, null),
                new QueueSpec("Claim first", null, emails, Map.of(), "claim-first", null, null, null)), Actor.SYSTEM);
        RuleSet rules = new RuleSetParser(team).parse("api", document(), 1, Clock.systemUTC().instant(), "bench");
        InMemoryRoutingState state = new InMemoryRoutingState();
        RoutingEngine engine = new RoutingEngine(team, state);
        Random random = new Random(11);
        List<LeadData> leads = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            leads.add(lead(random));
        }
        Set<Long> hadIt = Set.of(3L, 17L);
        Histogram warm = run(engine, state, rules, leads, hadIt, 50_000);
        Histogram histogram = run(engine, state, rules, leads, hadIt, decisions);
        System.out.printf("routing decision, 200 entries, 4 queues x 50 reps, %,d decisions (after %,d warm-up)%n", decisions, warm.getTotalCount());
        System.out.printf("  latency ms: p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n", ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()));
    }

    private static Histogram run(RoutingEngine engine, InMemoryRoutingState state, RuleSet rules, List<LeadData> leads, Set<Long> hadIt,
                                 int decisions) {
        Histogram histogram = new Histogram(3);
        for (int i = 0; i < decisions; i++) {
            LeadData lead = leads.get(i % leads.size());
            long start = System.nanoTime();
            RoutingRequest request = new RoutingRequest("api", RoutingFacts.of(lead, Map.of(), null, java.time.Instant.now()), null, null,
                    i % 10 == 0 ? hadIt : Set.of());
            RoutingDecision decision = engine.decide(rules, request, true);
            histogram.recordValue(System.nanoTime() - start);
            state.store(decision);
        }
        return histogram;
    }

    private static Map<String, Object> document() {
        String[] queues = {"Round robin", "Weighted", "Least loaded", "Claim first"};
        List<Object> entries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Object when = switch (i % 4) {
                case 0 -> Map.of("all", List.of(Map.of("field", "country", "op", "country", "values", List.of(COUNTRIES[i % 30], COUNTRIES[(i + 7) % 30])),
                        Map.of("field", "employeeCount", "op", "between", "values", List.of(i * 40, i * 40 + 900))));
                case 1 -> Map.of("any", List.of(Map.of("field", "postalCode", "op", "postcode", "values", List.of((10000 + i * 400) + "-" + (10000 + i * 400 + 150))),
                        Map.of("field", "industry", "op", "eq", "value", "Industry " + i)));
                case 2 -> Map.of("all", List.of(Map.of("field", "email", "op", "regex", "value", "@corp" + i + "\\.example$"),
                        Map.of("not", Map.of("field", "title", "op", "contains", "value", "intern"))));
                default -> Map.of("field", "company", "op", "starts-with", "value", "Company " + i + " ");
            };
            entries.add(Map.of("name", "Entry " + i, "when", when, "to", Map.of("queue", queues[i % 4])));
        }
        return Map.of("entries", entries, "default", Map.of("queue", "Round robin"));
    }

    private static LeadData lead(Random random) {
        LeadDraft draft = new LeadDraft();
        int n = random.nextInt(1_000_000);
        draft.set(LeadField.FIRST_NAME, "Lead").set(LeadField.LAST_NAME, "Number " + n).set(LeadField.EMAIL, "lead" + n + "@corp" + random.nextInt(300) + ".example")
                .set(LeadField.COMPANY, "Company " + random.nextInt(300) + " " + n).set(LeadField.COUNTRY, COUNTRIES[random.nextInt(30)])
                .set(LeadField.EMPLOYEE_COUNT, Integer.toString(random.nextInt(10_000))).set(LeadField.POSTAL_CODE, Integer.toString(10000 + random.nextInt(89999)))
                .set(LeadField.INDUSTRY, "Industry " + random.nextInt(400)).set(LeadField.TITLE, random.nextBoolean() ? "VP Sales" : "Sales intern");
        return ((LeadDraft.Validated.Valid) draft.build()).data();
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
