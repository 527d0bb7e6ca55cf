package dev.leadline.server.integrations;

import static dev.leadline.db.jooq.Tables.INTEGRATION_DELIVERY;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.common.Actor;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.integration.IntegrationStore;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.LongConsumer;
import org.jooq.DSLContext;

/**
 * Sends a CRM connector the leads it missed: every lead created since a day (merged ones left out) is queued
 * for that connector alone, as a {@value #TYPE} event pushed like a new lead; the servers' delivery loops
 * send them in the background, in order with the lead's other events.
 */
public final class CrmBackfill {
    /** The event a backfilled lead is queued as. */
    public static final String TYPE = "lead.backfill";
    private static final int PAGE = 500;
    private final DSLContext dsl;
    private final Transactor transactor;
    private final LeadRepository leads;
    private final EventFeed feed;

    public CrmBackfill(DSLContext dsl, Transactor transactor, LeadRepository leads, EventFeed feed) {
        this.dsl = dsl;
        this.transactor = transactor;
        this.leads = leads;
        this.feed = feed;
    }

    /**
     * Queues the leads created at or after {@code since} for {@code pluginId}, a page per transaction, leaving out
     * leads already waiting for it; how many.
     */
    public long queue(String pluginId, Instant since, Actor actor, Instant now, LongConsumer progress) {
        IntegrationStore.Listener only = new IntegrationStore.Listener(CrmListener.target(pluginId), java.util.Set.of(TYPE));
        long after = 0;
        long queued = 0;
        while (true) {
            long from = after;
            List<Long> ids = dsl.select(SALES_LEAD.ID).from(SALES_LEAD)
                    .where(SALES_LEAD.CREATED_AT.ge(LocalDateTime.ofInstant(since, ZoneOffset.UTC))).and(SALES_LEAD.ID.gt(from))
                    // a lead already waiting for this connector goes with what waits (a second backfill adds nothing twice)
                    .andNotExists(org.jooq.impl.DSL.selectOne().from(INTEGRATION_DELIVERY).where(INTEGRATION_DELIVERY.TARGET.eq(only.target()))
                            .and(INTEGRATION_DELIVERY.LEAD_ID.eq(SALES_LEAD.ID)).and(INTEGRATION_DELIVERY.STATUS.eq("pending")))
                    .orderBy(SALES_LEAD.ID).limit(PAGE).fetch(SALES_LEAD.ID);
            if (ids.isEmpty()) {
                return queued;
            }
            queued += transactor.inTransaction(() -> {
                List<Lead> page = leads.findAll(ids.stream().map(LeadId::new).toList()).stream()
                        .filter(l -> l.status() != LeadStatus.MERGED).toList();
                return feed.tell(TYPE, page, actor, only, now);
            });
            after = ids.get(ids.size() - 1);
            progress.accept(queued);
        }
    }
}
