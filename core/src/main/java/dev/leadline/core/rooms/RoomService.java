package dev.leadline.core.rooms;

import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.CardAnnouncer;
import dev.leadline.core.notify.Notification;
import dev.leadline.core.notify.Outbox;
import dev.leadline.core.routing.RoomOpener;
import dev.leadline.core.team.ActingRep;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Opens lead rooms and sets whether their messages are logged. A room is recorded with the outbox
 * delivery that makes it on the platform, in one transaction, so it is made once however many ask at
 * once; the platform names, invites, posts the card and pins it when the delivery goes out.
 */
public final class RoomService implements RoomOpener {
    private final Transactor transactor;
    private final LeadRepository leads;
    private final RoomRepository rooms;
    private final Outbox outbox;
    private final RoomInvites invites;
    private final String firstPlatform;
    private final Clock clock;

    /** @param firstPlatform where a room opens when nobody asked from a platform (a routing rule, the API) */
    public RoomService(Transactor transactor, LeadRepository leads, RoomRepository rooms, Outbox outbox, AccountMatching accounts,
                       RuleMembers named, String firstPlatform, Clock clock) {
        this.transactor = transactor;
        this.leads = leads;
        this.rooms = rooms;
        this.outbox = outbox;
        this.invites = new RoomInvites(accounts, named);
        this.firstPlatform = firstPlatform;
        this.clock = clock;
    }

    /** Opens the lead's room for {@code by}, on the platform they asked from (empty: the first platform). */
    public RoomOutcome open(LeadId id, ActingRep by, Optional<String> platform) {
        return transactor.inTransaction(() -> {
            Lead lead = leads.find(id).orElseThrow(() -> new NotFoundException("lead", id));
            Optional<Room> existing = rooms.forLead(id);
            if (existing.isPresent()) {
                return new RoomOutcome.AlreadyOpen(existing.get());
            }
            if (!lead.stage().isOpen()) {
                return new RoomOutcome.Closed(lead.id() + " is " + lead.status().inWords() + ": it gets no room");
            }
            Optional<String> refusal = invites.refusal(by.rep(), lead);
            if (refusal.isPresent()) {
                return new RoomOutcome.NotAllowed(refusal.get());
            }
            RoomRepository.Added added = record(lead, platform.orElse(firstPlatform), List.of(by.rep().id()), clock.instant());
            return added.fresh() ? new RoomOutcome.Opening(added.room()) : new RoomOutcome.AlreadyOpen(added.room());
        });
    }

    @Override
    public void openForRule(Lead lead, List<Long> invite, Instant at) {
        if (lead.stage().isOpen() && rooms.forLead(lead.id()).isEmpty()) {
            record(lead, firstPlatform, invite, at);
        }
    }

    /** Turns the logging of a room's messages on or off: the room {@code at} a platform's channel, or the lead's. */
    public RoomOutcome logging(Optional<LeadId> lead, String platform, String at, ActingRep by, boolean on) {
        Optional<Room> found = lead.isPresent() ? rooms.forLead(lead.get()) : rooms.at(platform, at);
        Room room = found.orElseThrow(() -> new NotFoundException("room", lead.map(LeadId::toString).orElse("here")));
        Lead of = leads.find(room.lead()).orElseThrow(() -> new NotFoundException("lead", room.lead()));
        Optional<String> refusal = invites.refusal(by.rep(), of);
        if (refusal.isPresent() && !room.invitees().contains(by.rep().id())) {
            return new RoomOutcome.NotAllowed(refusal.get().replace("open its room", "change its room"));
        }
        rooms.logging(room.id(), on);
        return new RoomOutcome.Logging(rooms.find(room.id()).orElseThrow());
    }

    /** The room at a platform's channel, when its messages go on the lead's timeline. */
    public Optional<Room> logged(String platform, String at) {
        return rooms.at(platform, at).filter(Room::logging).filter(r -> !r.archived());
    }

    public Optional<Room> of(LeadId lead) {
        return rooms.forLead(lead);
    }

    private RoomRepository.Added record(Lead lead, String platform, List<Long> also, Instant at) {
        RoomRepository.Added added = rooms.add(lead.id(), platform, RoomNames.of(lead), invites.of(lead, also), at);
        if (added.fresh()) {
            // drawn from the lead as it is when it goes out; this copy only names it
            Card card = new Card(lead.id().toString(), lead.id().toString(), null, "Room opened", List.of(), List.of(), lead.ownerRepId());
            outbox.enqueue(List.of(new Notification(0, Notification.Kind.POST, lead.id().value(), CardAnnouncer.cardKey(lead),
                    added.room().destination(), card, 0, at)), at);
        }
        return added;
    }
}
