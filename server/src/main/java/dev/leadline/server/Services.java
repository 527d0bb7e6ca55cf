package dev.leadline.server;

import dev.leadline.core.access.TokenService;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.intake.FormService;
import dev.leadline.core.intake.ImportService;
import dev.leadline.core.intake.IntakeService;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.team.TeamService;
import dev.leadline.db.Database;
import dev.leadline.db.JooqActivityRepository;
import dev.leadline.db.JooqAuditLog;
import dev.leadline.db.JooqFormRepository;
import dev.leadline.db.JooqIdempotencyStore;
import dev.leadline.db.JooqImportJobRepository;
import dev.leadline.db.JooqLeadRepository;
import dev.leadline.db.JooqQueueRepository;
import dev.leadline.db.JooqRepRepository;
import dev.leadline.db.JooqTokenRepository;
import dev.leadline.db.JooqTransactor;
import java.time.Clock;
import org.jooq.DSLContext;

/** The application services, wired to their MariaDB repositories. */
public record Services(
        LeadService leads,
        IntakeService intake,
        ImportService imports,
        FormService forms,
        TeamService team,
        TokenService tokens) {

    public static Services wire(Database database, Clock clock) {
        DSLContext dsl = database.dsl();
        JooqTransactor transactor = new JooqTransactor(dsl);
        JooqLeadRepository leadRepository = new JooqLeadRepository(dsl);
        JooqAuditLog audit = new JooqAuditLog(dsl);
        LeadJournal journal = new LeadJournal(new JooqActivityRepository(dsl), audit);
        IntakeService intake = new IntakeService(transactor, leadRepository, journal, new JooqIdempotencyStore(dsl, clock), clock);
        return new Services(
                new LeadService(leadRepository),
                intake,
                new ImportService(transactor, leadRepository, journal, new JooqImportJobRepository(dsl), clock),
                new FormService(new JooqFormRepository(dsl), intake, audit, clock),
                new TeamService(transactor, new JooqRepRepository(dsl), new JooqQueueRepository(dsl), audit, clock),
                new TokenService(new JooqTokenRepository(dsl), audit, clock));
    }
}
