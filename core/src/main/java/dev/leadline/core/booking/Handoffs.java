package dev.leadline.core.booking;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.notify.Alerts;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.CardAction;
import dev.leadline.core.notify.CardAnnouncer;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.notify.LeadAction;
import dev.leadline.core.notify.Notification;
import dev.leadline.core.notify.Outbox;
import dev.leadline.core.scheduling.Meeting;
import dev.leadline.core.scheduling.ScheduleRepository;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Live hand-off: an SDR on a call with a lead presses <b>Hand off now</b> and picks a queue; each member of it who is
 * free right now (available, inside working hours, and with no meeting or calendar busy time in the next 30 minutes)
 * gets the lead's card with <b>Take it now</b>. The first to press it gets the lead and a 30-minute meeting from now;
 * the others' offers are withdrawn (their cards edited to say who took it), and the SDR hears who takes the call.
 * Offers nobody takes in {@link #OFFER_TIME} are withdrawn and the SDR is told.
 */
public final class Handoffs {
    public static final Duration OFFER_TIME = Duration.ofMinutes(5);
    public static final Duration CALL = Duration.ofMinutes(30);

    private final Transactor transactor;
    private final HandoffRepository handoffs;
    private final BookingService bookings;
    private final LeadRepository leads;
    private final ScheduleRepository schedule;
    private final LeadJournal journal;
    private final TeamService team;
    private final Outbox outbox;
    private final CardAnnouncer cards;
    private final Alerts alerts;
    private final Clock clock;

    public Handoffs(Transactor transactor, HandoffRepository handoffs, BookingService bookings, LeadRepository leads, ScheduleRepository schedule,
                    LeadJournal journal, TeamService team, Outbox outbox, CardAnnouncer cards, Alerts alerts, Clock clock) {
        this.transactor = transactor;
        this.handoffs = handoffs;
        this.bookings = bookings;
        this.leads = leads;
        this.schedule = schedule;
        this.journal = journal;
        this.team = team;
        this.outbox = outbox;
        this.cards = cards;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** What came of asking for, or taking, a hand-off. */
    public sealed interface Outcome {
        /** Offered to these reps. */
        record Offered(Handoff handoff, List<Rep> to) implements Outcome {}

        /** Taken by {@code rep}, with a meeting now. */
        record Taken(Handoff handoff, Rep rep, Meeting meeting) implements Outcome {}

        /** Not possible: why, in words. */
        record Refused(String why) implements Outcome {}
    }

    /** The owner (or a manager) offers the lead to the members of {@code queue} free now. */
    public Outcome start(LeadId leadId, ActingRep by, LeadQueue queue) {
        Instant now = clock.instant();
        return transactor.inTransaction(() -> {
            Lead lead = leads.findForUpdate(leadId).orElseThrow(() -> new dev.leadline.core.common.NotFoundException("lead", leadId));
            Optional<String> refused = Permissions.mayWork(by.rep(), lead);
            if (refused.isPresent()) {
                return new Outcome.Refused(refused.get());
            }
            if (!lead.stage().isOpen()) {
                return new Outcome.Refused(lead.id() + " is " + lead.status().inWords());
            }
            Optional<Handoff> open = handoffs.openFor(lead.id(), true);
            if (open.isPresent() && open.get().expiresAt().isAfter(now)) {
                return new Outcome.Refused("a hand-off of " + lead.id() + " is offered already, to " + names(open.get().offered())
                        + "; it runs out in " + Math.max(1, Duration.between(now, open.get().expiresAt()).toMinutes()) + " min");
            }
            List<Rep> free = queue.memberRepIds().stream().sorted().filter(id -> id != by.rep().id() && !id.equals(lead.ownerRepId()))
                    .filter(id -> bookings.isFree(id, now, now.plus(CALL))).map(team::rep).flatMap(Optional::stream).toList();
            if (free.isEmpty()) {
                return new Outcome.Refused("nobody in " + queue.name() + " is free right now (available, in working hours, "
                        + "and without a meeting in the next 30 minutes)");
            }
            Handoff handoff = handoffs.insert(lead.id(), queue.id(), by.rep().id(), free.stream().map(Rep::id).toList(), now.plus(OFFER_TIME), now);
            String status = by.rep().name() + " is on a call with " + name(lead) + ": take it now?";
            List<Notification> offers = new ArrayList<>();
            for (Rep rep : free) {
                offers.add(new Notification(0, Notification.Kind.POST, lead.id().value(), key(handoff), Destination.rep(rep.id()),
                        card(lead, status, true), 0, now));
            }
            outbox.enqueue(offers, now);
            journal.remarked(lead, ActivityType.NOTE, by.actor(), "Hand-off offered by " + by.rep().name() + " to " + names(handoff.offered())
                    + " (" + queue.name() + ")", java.util.Map.of("handoff", Long.toString(handoff.id())), now);
            return new Outcome.Offered(handoff, free);
        });
    }

    /** A member offered the hand-off takes it: the first gets the lead and a meeting from now; the others' offers are withdrawn. */
    public Outcome take(LeadId leadId, ActingRep by) {
        Instant now = clock.instant();
        return transactor.inTransaction(() -> {
            Lead lead = leads.findForUpdate(leadId).orElseThrow(() -> new dev.leadline.core.common.NotFoundException("lead", leadId));
            Optional<Handoff> open = handoffs.openFor(lead.id(), true);
            if (open.isEmpty()) {
                return new Outcome.Refused(lead.id() + " is not being handed off" + (lead.ownerRepId() == null ? ""
                        : "; " + team.rep(lead.ownerRepId()).map(Rep::name).orElse("someone") + " has it"));
            }
            Handoff handoff = open.get();
            if (!handoff.offered().contains(by.rep().id())) {
                return new Outcome.Refused("the hand-off of " + lead.id() + " was not offered to you");
            }
            if (!handoff.expiresAt().isAfter(now)) {
                return new Outcome.Refused("the hand-off of " + lead.id() + " ran out");
            }
            if (!lead.stage().isOpen()) {
                return new Outcome.Refused(lead.id() + " is " + lead.status().inWords());
            }
            Rep taker = by.rep();
            Rep from = team.rep(handoff.requestedBy()).orElseThrow();
            Instant start = now.truncatedTo(ChronoUnit.MINUTES);
            Meeting meeting = schedule.insertMeeting(lead.id(), taker.id(), start, CALL, "Live hand-off from " + from.name() + ": " + name(lead),
                    List.of(), now);
            Handoff taken = handoffs.end(handoff, Handoff.State.TAKEN, taker.id(), meeting.id(), now);
            Lead after = leads.updateStage(lead, lead.stage().ownedBy(taker.id(), now), now);
            journal.changed(lead, after, ActivityType.ASSIGNED, by.actor(), "Handed off live by " + from.name() + " to " + taker.name(), null, now);
            journal.changed(after, after, ActivityType.MEETING_SCHEDULED, by.actor(), "Live hand-off call of " + taker.name() + " with "
                    + name(lead) + " from " + BookingService.local(start, taker) + " (" + CALL.toMinutes() + " min)", null, now);
            withdraw(taken, after, taker.name() + " took it", taker.id(), now);
            alerts.post(after, Destination.rep(from.id()), taker.name() + " takes the call now", "handoff-" + handoff.id() + "-taken", now);
            return new Outcome.Taken(taken, taker, meeting);
        });
    }

    /** Withdraws the offers nobody took in time and tells whoever asked. Returns how many ran out. */
    public int expire(int limit) {
        Instant now = clock.instant();
        int ended = 0;
        for (Handoff due : handoffs.expired(now, limit)) {
            boolean done = transactor.inTransaction(() -> {
                Optional<Handoff> open = handoffs.openFor(due.leadId(), true).filter(h -> h.id() == due.id() && !h.expiresAt().isAfter(now));
                if (open.isEmpty()) {
                    return false;
                }
                Handoff expired = handoffs.end(open.get(), Handoff.State.EXPIRED, null, null, now);
                leads.find(due.leadId()).ifPresent(lead -> {
                    withdraw(expired, lead, "Nobody took it in " + OFFER_TIME.toMinutes() + " minutes", null, now);
                    alerts.post(lead, Destination.rep(expired.requestedBy()), "Nobody in the queue took the hand-off in "
                            + OFFER_TIME.toMinutes() + " minutes", "handoff-" + expired.id() + "-expired", now);
                });
                return true;
            });
            ended += done ? 1 : 0;
        }
        return ended;
    }

    /** Edits every offer's card: the taker's says so, the others' that the offer is gone. */
    private void withdraw(Handoff handoff, Lead lead, String what, Long takerId, Instant now) {
        List<Notification> edits = new ArrayList<>();
        for (long rep : handoff.offered()) {
            String status = takerId != null && takerId == rep ? "You took it: call " + name(lead) + " now" : what;
            edits.add(new Notification(0, Notification.Kind.UPDATE, lead.id().value(), key(handoff), Destination.rep(rep),
                    card(lead, status, false), 0, now));
        }
        outbox.enqueue(edits, now);
    }

    private Card card(Lead lead, String status, boolean open) {
        Card base = cards.card(lead, status);
        return new Card(base.leadId(), "Hand off now · " + base.title(), base.subtitle(), status, base.fields(),
                open ? List.of(new CardAction.OnLead(LeadAction.TAKE_HANDOFF)) : List.of(), lead.ownerRepId());
    }

    private static String key(Handoff handoff) {
        return CardAnnouncer.cardKey(handoff.leadId()) + ":handoff-" + handoff.id();
    }

    private String names(List<Long> reps) {
        return reps.stream().map(team::rep).flatMap(Optional::stream).map(Rep::name).collect(Collectors.joining(", "));
    }

    private static String name(Lead lead) {
        return Optional.ofNullable(lead.data().displayName()).filter(n -> !n.isBlank()).orElse(lead.id().toString());
    }
}
