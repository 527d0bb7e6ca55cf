package dev.leadline.server.cli;

import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import dev.leadline.core.common.Actor;
import dev.leadline.core.intake.CreateOutcome;
import dev.leadline.core.intake.FormDefinition;
import dev.leadline.core.lead.LeadDraft;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import dev.leadline.server.Leadline;
import dev.leadline.server.Services;
import dev.leadline.server.config.Config;
import dev.leadline.server.team.Roster;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

/** Starts the server with a demo organisation in it and prints an admin token. */
@Command(name = "demo", description = "Start the server with demo data (reps, a queue, a web form, a dozen leads, some offered, some assigned).")
public final class DemoCommand implements Runnable {
    private static final Actor DEMO = Actor.cli("demo");
    private static final String JANE = "jane@demo.leadline.dev";
    private static final String[][] LEADS = {
        {"Ada", "Lovelace", "ada@analytical-engines.example", "Analytical Engines", "CTO", "GB", "Web"},
        {"Grace", "Hopper", "grace@cobol.example", "COBOL Systems", "VP Engineering", "US", "Webinar"},
        {"Alan", "Turing", "alan@bletchley.example", "Bletchley Labs", "Head of Research", "GB", "Referral"},
        {"Katherine", "Johnson", "katherine@orbit.example", "Orbit Analytics", "Director of Data", "US", "Web"},
        {"Linus", "Torvalds", "linus@kernel.example", "Kernel Works", "Founder", "FI", "Trade show"},
        {"Margaret", "Hamilton", "margaret@apollo.example", "Apollo Software", "Chief Architect", "US", "Web"},
        {"Tim", "Berners-Lee", "tim@w3.example", "Web Foundation Ltd", "Director", "GB", "Partner"},
        {"Hedy", "Lamarr", "hedy@spread.example", "Spread Spectrum GmbH", "CEO", "AT", "Cold outreach"},
        {"Barbara", "Liskov", "barbara@clu.example", "CLU Data", "Principal Engineer", "US", "Web"},
        {"Dennis", "Ritchie", "dennis@unix.example", "Unix Tools Inc", "Head of Platform", "US", "Webinar"},
        {"Radia", "Perlman", "radia@spanning.example", "Spanning Tree Networks", "Network Lead", "US", "Referral"},
        {"Frances", "Allen", "frances@optimise.example", "Optimising Compilers LLC", "CIO", "US", "Web"},
    };

    @Override
    public void run() {
        Leadline leadline = Leadline.start(Config.fromEnvironment(CliEnvironment.get()), Clock.systemUTC());
        Services services = leadline.services();
        seed(services);
        String admin = services.tokens().rotate(TokenService.Request.of("demo-admin", TokenRole.ADMIN), DEMO).secret();
        String jane = services.tokens().rotate(new TokenService.Request("demo-jane", TokenRole.REP, JANE, false, Optional.empty()), DEMO)
                .secret();
        System.out.println(guide("http://localhost:" + leadline.port(), admin, jane, new Roster(services.team(), Clock.systemUTC()).reps()));
        ServeCommand.waitForShutdown(leadline);
    }

    /** What the demo prints once it runs: the reps, the tokens, and one {@code curl} per step from a new lead to Jane's card. */
    public static String guide(String url, String adminToken, String janeToken, java.util.List<Roster.RepEntry> reps) {
        StringBuilder out = new StringBuilder("\nLeadline demo is running on " + url + "\n\nReps (leadline reps, GET /api/v1/reps):\n");
        reps.forEach(r -> out.append(String.format("  %-12s %-24s %-8s %-8s %s%n", r.name(), r.email(), r.role(),
                r.queues().isEmpty() ? "-" : String.join(",", r.queues()), r.availability())));
        String admin = "-H 'Authorization: Bearer " + adminToken + "'";
        String asJane = "-H 'Authorization: Bearer " + janeToken + "'";
        return out.append("\nAdmin API token:  ").append(adminToken)
                .append("\nJane's REP token: ").append(janeToken).append("  (acts as ").append(JANE).append(" only)\n")
                .append("\nNo chat platform is configured, so every card is written to this log as a \"[card ...]\" line. Try:\n")
                .append("1. Create a lead; the demo rules offer leads from outside Europe to the Inbound queue, and within a few seconds")
                .append(" (routing waits up to 2 s for enrichment) the log shows its card: \"[card ... to QUEUE ...] ... Offered to Inbound\":\n")
                .append("   ID=$(curl -s ").append(admin).append(" -H 'Content-Type: application/json' -d '{\"firstName\":\"Sam\",")
                .append("\"lastName\":\"Lee\",\"email\":\"sam@acme.example\",\"company\":\"Acme\",\"country\":\"US\"}' ")
                .append(url).append("/api/v1/leads | grep -o '\"id\":\"L-[0-9]*' | head -1 | cut -d'\"' -f4); echo $ID\n")
                .append("2. Once it is offered, claim it as Jane with her REP token")
                .append(" (an admin token names the rep instead: -d '{\"rep\":\"").append(JANE).append("\"}'):\n")
                .append("   curl -s -X POST ").append(asJane).append(" ").append(url).append("/api/v1/leads/$ID/claim\n")
                .append("3. See the card: the log shows it edited to Jane's (\"[card ... edited]\"); the lead's timeline says the same:\n")
                .append("   curl -s ").append(asJane).append(" ").append(url).append("/api/v1/leads/$ID/timeline\n")
                .append("4. Be a visitor who books a meeting on submit: the answer carries a booking link and free times; open the link in a browser:\n")
                .append("   curl -s -H 'Content-Type: application/json' -d '{\"work_email\":\"vera@client.example\",\"last_name\":\"Visitor\"}' ")
                .append(url).append("/forms/book-a-demo\n").toString();
    }

    /** Seeds the demo organisation; running it again adds nothing and changes nothing made since. */
    public static void seed(Services services) {
        // the demo's team and form are made once: changed later (in the console, by the API), they stay so at the next start
        if (services.team().repByEmail(JANE).isEmpty()) {
            // Jane covers around the clock, so the steps the demo prints work at any hour; Omar shows working hours at work
            services.team().apply(List.of(
                    new RepSpec(JANE, "Jane Rivera", "America/New_York", "24/7", 40, true, "REP", Map.of()),
                    new RepSpec("omar@demo.leadline.dev", "Omar Haddad", "Europe/Berlin", "MON-FRI 08:30-16:30", 40, true, "REP", Map.of()),
                    new RepSpec("mia@demo.leadline.dev", "Mia Chen", "Asia/Singapore", "MON-FRI 09:00-18:00", 30, true, "MANAGER", Map.of())),
                    List.of(new QueueSpec("Inbound", "New inbound leads, first to claim wins",
                            List.of("jane@demo.leadline.dev", "omar@demo.leadline.dev"))), DEMO);
            services.forms().save(new FormDefinition("contact", "Contact us", Map.of("work_email", "email"), "Web", "Demo site",
                    "https://example.com/thanks", List.of("http://localhost:3000")), DEMO);
        }
        if (services.forms().forms().stream().noneMatch(f -> f.key().equals("book-a-demo"))) {
            // a form whose visitors book Jane's or Omar's calendar on submit (booking.md)
            services.forms().save(new FormDefinition("book-a-demo", "Book a demo", Map.of("work_email", "email"), "Web", "Demo site", null,
                    List.of("http://localhost:3000"), dev.leadline.core.booking.BookingSpec.parse(Map.of("queue", "Inbound", "durationMinutes", 30),
                    "booking")), DEMO);
        }
        if (services.rules().all().isEmpty()) {
            // new leads from Europe go to Omar in Berlin, the rest are offered to Inbound
            services.rules().save("default", Map.of(
                    "entries", List.of(Map.of("name", "Europe", "when", Map.of("field", "country", "op", "country",
                            "values", List.of("GB", "IE", "DE", "AT", "CH", "FR", "NL", "FI", "SE")), "to", Map.of("rep", "omar@demo.leadline.dev"))),
                    "default", Map.of("queue", "Inbound")), DEMO);
        }
        var mia = services.team().repByEmail("mia@demo.leadline.dev").orElseThrow();
        var jane = services.team().repByEmail("jane@demo.leadline.dev").orElseThrow();
        var inbound = services.team().queueByName("Inbound").orElseThrow();
        for (int i = 0; i < LEADS.length; i++) {
            String[] l = LEADS[i];
            LeadDraft draft = new LeadDraft().set(LeadField.FIRST_NAME, l[0]).set(LeadField.LAST_NAME, l[1])
                    .set(LeadField.EMAIL, l[2]).set(LeadField.COMPANY, l[3]).set(LeadField.TITLE, l[4])
                    .set(LeadField.COUNTRY, l[5]).set(LeadField.SOURCE, l[6]).set(LeadField.EXTERNAL_ID, "demo-" + (i + 1));
            var outcome = services.intake().create(((LeadDraft.Validated.Valid) draft.build()).data(), DEMO, Optional.empty());
            if (outcome instanceof CreateOutcome.Created created) {
                // half the leads wait in the queue to be claimed, a few are Jane's already, the rest are routed by the rules
                if (i < 6) {
                    services.claims().offer(created.lead().id(), mia, inbound, "demo: new inbound lead");
                } else if (i < 9) {
                    services.claims().assign(created.lead().id(), mia, jane, "demo: Jane's accounts");
                }
            }
        }
    }
}
