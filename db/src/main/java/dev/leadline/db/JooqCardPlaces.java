package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.LEAD_ROOM;
import static dev.leadline.db.jooq.Tables.MESSAGE_REF;

import dev.leadline.core.chat.CardPlaces;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.notify.CardAnnouncer;
import java.util.Optional;
import org.jooq.DSLContext;

/** Where cards were posted (the message references the outbox keeps to edit them) and where rooms were made. */
public final class JooqCardPlaces implements CardPlaces {
    private final DSLContext dsl;

    public JooqCardPlaces(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<LeadId> leadOfMessage(String platform, String ref) {
        return dsl.select(MESSAGE_REF.CARD_KEY).from(MESSAGE_REF).where(MESSAGE_REF.PLATFORM.eq(platform).and(MESSAGE_REF.REF.eq(ref)))
                .fetch(MESSAGE_REF.CARD_KEY).stream().map(CardAnnouncer::leadOf).flatMap(Optional::stream).findFirst();
    }

    @Override
    public Optional<LeadId> leadOfRoom(String platform, String address) {
        return dsl.select(LEAD_ROOM.LEAD_ID).from(LEAD_ROOM).where(LEAD_ROOM.PLATFORM.eq(platform).and(LEAD_ROOM.ADDRESS.eq(address))
                .and(LEAD_ROOM.ARCHIVED.isFalse())).fetchOptional(LEAD_ROOM.LEAD_ID).map(LeadId::new);
    }
}
