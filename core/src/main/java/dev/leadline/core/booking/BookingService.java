package dev.leadline.core.booking;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.intake.FormDefinition;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.notify.Alerts;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.routing.FairShare;
import dev.leadline.core.routing.RoutingFacts;
import dev.leadline.core.routing.RoutingState;
import dev.leadline.core.routing.RoutingStore;
import dev.leadline.core.scheduling.Meeting;
import dev.leadline.core.scheduling.MeetingOutcome;
import dev.leadline.core.scheduling.ScheduleRepository;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.QueueRouting;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Booking on form submit. After a form's lead is stored and routed, a visitor the form's {@code booking.when}
 * admits gets an offer: the calendars of the rep routing chose, or, for a round-robin or weighted queue, of its
 * members in the order its turns would pick them (the owner first). The visitor books a slot with the first of
 * them free then; the meeting is the rep's, the lead goes to that rep (a queue's turn moves with it), both are
 * sent an invitation and the rep hears it in chat. Each rep's bookings follow each other, so a slot is given once.
 * The visitor can move or cancel the meeting through the same link; an offer not taken in time is alerted to the owner.
 */
public final class BookingService {
    /** Slots in the answer to a form submit. */
    public static final int FIRST_SLOTS = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

    private final Transactor transactor;
    private final BookingRepository bookings;
    private final LeadRepository leads;
    private final ScheduleRepository schedule;
    private final LeadJournal journal;
    private final TeamService team;
    private final RoutingState routingState;
    private final RoutingStore routingStore;
    private final Alerts alerts;
    private final Clock clock;
    private volatile ExternalCalendars calendars = ExternalCalendars.NONE;

    public BookingService(Transactor transactor, BookingRepository bookings, LeadRepository leads, ScheduleRepository schedule,
                          LeadJournal journal, TeamService team, RoutingState routingState, RoutingStore routingStore, Alerts alerts,
                          Clock clock) {
        this.transactor = transactor;
        this.bookings = bookings;
        this.leads = leads;
        this.schedule = schedule;
        this.journal = journal;
        this.team = team;
        this.routingState = routingState;
        this.routingStore = routingStore;
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * While leads wait for enrichment before routing, an offer waits (at most {@code wait}) for the lead to be
     * routed, so that it offers the rep routing chose; {@code pending} says whether routing will still place it.
     */
    public void waitForRouting(java.util.function.BooleanSupplier pending, Duration wait) {
        this.routingPending = pending;
        this.routingWait = wait;
    }

    private volatile java.util.function.BooleanSupplier routingPending = () -> false;
    private volatile Duration routingWait = Duration.ZERO;

    /** Reads reps' own calendars from now on. */
    public void readCalendars(ExternalCalendars external) {
        this.calendars = external;
    }

    /**
     * Offers the visitor who submitted {@code form} a booking, when the form books and the lead passes its
     * {@code when}; empty otherwise (or when nobody's calendar can be offered).
     */
    public Optional<BookingOffer> offer(FormDefinition form, LeadId leadId) {
        BookingSpec spec = form.booking();
        if (spec == null) {
            return Optional.empty();
        }
        Optional<Lead> found = routed(leadId);
        Instant now = clock.instant();
        if (found.isEmpty() || !found.get().stage().isOpen() || !spec.admits(RoutingFacts.of(found.get(), now))) {
            return Optional.empty();
        }
        Lead lead = found.get();
        Optional<LeadQueue> queue = Optional.ofNullable(spec.queue()).flatMap(team::queueByName);
        List<Long> candidates = candidates(lead, queue);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Instant alertAt = spec.alertAfter().isZero() ? null : now.plus(spec.alertAfter());
        Booking booking = transactor.inTransaction(() -> bookings.insert(newToken(), lead.id(), form.key(), queue.map(LeadQueue::id).orElse(null),
                candidates, spec.duration(), spec.days(), alertAt, now));
        return Optional.of(new BookingOffer(booking, slots(booking, now, FIRST_SLOTS)));
    }

    /** The lead once routing placed it (waiting for that while leads wait for enrichment), or as it is. */
    private Optional<Lead> routed(LeadId leadId) {
        Optional<Lead> lead = leads.find(leadId);
        long until = System.nanoTime() + routingWait.toNanos();
        while (lead.isPresent() && lead.get().ownerRepId() == null && lead.get().queueId() == null && routingPending.getAsBoolean()
                && System.nanoTime() < until) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            lead = leads.find(leadId);
        }
        return lead;
    }

    /** The offer behind a booking link, if the link is one. */
    public Optional<Booking> find(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{20,64}")) {
            return Optional.empty();
        }
        return bookings.byToken(token, false);
    }

    public Booking booking(String token) {
        return find(token).orElseThrow(() -> new NotFoundException("booking", "link"));
    }

    /**
     * The booking's free slots from {@code from} (or now), at most {@code limit}, within the days it offers;
     * once booked, those of the rep it was booked with (to move the meeting to).
     */
    public List<SlotFinder.Slot> slots(Booking booking, Instant from, int limit) {
        if (!isOpen(booking)) {
            return List.of();
        }
        if (booking.state() == Booking.State.BOOKED && booking.candidates().size() > 1) {
            Optional<Meeting> meeting = meeting(booking);
            if (meeting.isPresent()) {
                return slots(booking.offering(List.of(meeting.get().repId())), from, limit);
            }
        }
        Instant now = clock.instant();
        Instant start = from == null || from.isBefore(now) ? now : from;
        Instant end = horizon(booking, now);
        if (!start.isBefore(end)) {
            return List.of();
        }
        return SlotFinder.find(calendars(booking.candidates(), start, end.plus(booking.duration())), booking.duration(), now, start, end, limit);
    }

    /** Whether the booking's lead is still open (a closed lead's link offers nothing). */
    public boolean isOpen(Booking booking) {
        return leads.find(booking.leadId()).map(l -> l.stage().isOpen()).orElse(false);
    }

    /** The meeting the booking made, if it has one. */
    public Optional<Meeting> meeting(Booking booking) {
        return Optional.ofNullable(booking.meetingId()).flatMap(schedule::meeting);
    }

    public Optional<Lead> lead(Booking booking) {
        return leads.find(booking.leadId());
    }

    /** Books the slot starting at {@code startsAt} for the visitor; asking again for the same slot answers the same meeting. */
    public BookingOutcome book(String token, Instant startsAt, ZoneId visitorZone) {
        Booking seen = booking(token);
        checkStart(seen, startsAt);
        BookingOutcome outcome = transactor.inTransaction(() -> {
            Booking booking = bookings.byToken(token, true).orElseThrow();
            Instant now = clock.instant();
            if (booking.state() == Booking.State.BOOKED) {
                Meeting meeting = schedule.meeting(booking.meetingId()).orElseThrow();
                if (meeting.startsAt().equals(startsAt)) {
                    return new BookingOutcome.Booked(booking, meeting, team.rep(meeting.repId()).orElseThrow(), true);
                }
                return new BookingOutcome.Refused("already_booked", "this link already booked a meeting on "
                        + WHEN.format(meeting.startsAt().atZone(java.time.ZoneOffset.UTC)) + " UTC; move it instead");
            }
            Lead lead = leads.findForUpdate(booking.leadId()).orElseThrow(() -> new NotFoundException("lead", booking.leadId()));
            if (!lead.stage().isOpen()) {
                return new BookingOutcome.Refused("closed", "this booking link is no longer open");
            }
            Optional<Rep> rep = takeSlot(booking, booking.candidates(), startsAt, now, null);
            if (rep.isEmpty()) {
                return null;
            }
            Meeting meeting = schedule.insertMeeting(lead.id(), rep.get().id(), startsAt, booking.duration(), title(lead), List.of(), now);
            Booking booked = bookings.update(booking.with(Booking.State.BOOKED, meeting.id(), null)
                    .inZone(visitorZone == null ? booking.visitorZone() : visitorZone), now);
            Lead owned = giveTo(lead, booking, rep.get(), now);
            journal.changed(owned, owned, ActivityType.MEETING_SCHEDULED, actor(booking), "Meeting booked by the visitor for "
                    + local(startsAt, rep.get()) + " (" + booking.duration().toMinutes() + " min) with " + rep.get().name(), null, now);
            invite(booked, meeting, lead, rep.get(), BookingEmail.Kind.INVITE, now);
            alerts.post(owned, Destination.rep(rep.get().id()), "The visitor booked a meeting: " + local(startsAt, rep.get()),
                    "booked-" + meeting.id(), now);
            return new BookingOutcome.Booked(booked, meeting, rep.get(), false);
        });
        return outcome == null ? new BookingOutcome.SlotTaken(slots(seen, clock.instant(), FIRST_SLOTS)) : outcome;
    }

    /** Moves the booked meeting to {@code startsAt}, with the same rep; {@code visitorZone}, when given, is the zone their emails use from now. */
    public BookingOutcome reschedule(String token, Instant startsAt, ZoneId visitorZone) {
        Booking seen = booking(token);
        checkStart(seen, startsAt);
        BookingOutcome outcome = transactor.inTransaction(() -> {
            Booking booking = bookings.byToken(token, true).orElseThrow();
            Instant now = clock.instant();
            if (booking.state() != Booking.State.BOOKED) {
                return new BookingOutcome.Refused("not_booked", booking.state() == Booking.State.CANCELLED
                        ? "the meeting was cancelled; book a new one" : "nothing is booked yet; book a slot first");
            }
            Meeting meeting = schedule.meeting(booking.meetingId()).orElseThrow();
            Rep rep = team.rep(meeting.repId()).orElseThrow();
            if (meeting.startsAt().equals(startsAt)) {
                return new BookingOutcome.Booked(booking, meeting, rep, true);
            }
            if (meeting.outcome() != null) {
                return new BookingOutcome.Refused("not_booked", "the meeting is already " + meeting.outcome().name().toLowerCase(Locale.ROOT));
            }
            Lead lead = leads.findForUpdate(booking.leadId()).orElseThrow();
            if (!lead.stage().isOpen()) {
                return new BookingOutcome.Refused("closed", "this booking link is no longer open");
            }
            if (takeSlot(booking, List.of(rep.id()), startsAt, now, meeting).isEmpty()) {
                return null;
            }
            Booking zoned = visitorZone == null || visitorZone.equals(booking.visitorZone()) ? booking
                    : bookings.update(booking.inZone(visitorZone), now);
            Meeting moved = schedule.updateMeeting(new Meeting(meeting.id(), meeting.leadId(), meeting.repId(), startsAt, meeting.duration(),
                    meeting.title(), meeting.attendees(), null, meeting.sequence() + 1, meeting.createdAt(), now, meeting.version()), now);
            journal.changed(lead, lead, ActivityType.MEETING_RESCHEDULED, actor(booking),
                    "Meeting moved by the visitor to " + local(startsAt, rep) + ": " + meeting.title(), null, now);
            invite(zoned, moved, lead, rep, BookingEmail.Kind.UPDATE, now);
            alerts.post(lead, Destination.rep(rep.id()), "The visitor moved the meeting to " + local(startsAt, rep),
                    "moved-" + moved.id() + "-" + moved.sequence(), now);
            return new BookingOutcome.Booked(zoned, moved, rep, false);
        });
        if (outcome == null) {
            Meeting meeting = meeting(seen).orElseThrow();
            return new BookingOutcome.SlotTaken(slotsOf(seen, meeting.repId(), clock.instant()));
        }
        return outcome;
    }

    /** Cancels the booked meeting; the visitor may book again through the same link. */
    public BookingOutcome cancel(String token) {
        booking(token);
        return transactor.inTransaction(() -> {
            Booking booking = bookings.byToken(token, true).orElseThrow();
            Instant now = clock.instant();
            if (booking.state() == Booking.State.CANCELLED) {
                return new BookingOutcome.Cancelled(booking, schedule.meeting(booking.meetingId()).orElseThrow(), true);
            }
            if (booking.state() != Booking.State.BOOKED) {
                return new BookingOutcome.Refused("not_booked", "nothing is booked yet");
            }
            Meeting meeting = schedule.meeting(booking.meetingId()).orElseThrow();
            if (meeting.outcome() != null) {
                return new BookingOutcome.Refused("not_booked", "the meeting is already " + meeting.outcome().name().toLowerCase(Locale.ROOT));
            }
            Rep rep = team.rep(meeting.repId()).orElseThrow();
            Lead lead = leads.findForUpdate(booking.leadId()).orElseThrow();
            Meeting cancelled = schedule.updateMeeting(new Meeting(meeting.id(), meeting.leadId(), meeting.repId(), meeting.startsAt(),
                    meeting.duration(), meeting.title(), meeting.attendees(), MeetingOutcome.CANCELLED, meeting.sequence() + 1,
                    meeting.createdAt(), now, meeting.version()), now);
            Booking after = bookings.update(booking.with(Booking.State.CANCELLED, booking.meetingId(), null), now);
            journal.changed(lead, lead, ActivityType.MEETING_OUTCOME, actor(booking),
                    "Meeting cancelled by the visitor: " + meeting.title() + " (" + local(meeting.startsAt(), rep) + ")", null, now);
            invite(after, cancelled, lead, rep, BookingEmail.Kind.CANCEL, now);
            alerts.post(lead, Destination.rep(rep.id()), "The visitor cancelled the meeting of " + local(meeting.startsAt(), rep),
                    "cancelled-" + meeting.id(), now);
            return new BookingOutcome.Cancelled(after, cancelled, false);
        });
    }

    /**
     * Tells owners about visitors who could book and did not: the lead's card with "did not book: call now"
     * to its owner (or its queue's channel when nobody owns it). Returns how many were alerted.
     */
    public int alertUnbooked(int limit) {
        Instant now = clock.instant();
        int alerted = 0;
        for (Booking due : bookings.dueForAlert(now, limit)) {
            boolean done = transactor.inTransaction(() -> {
                Booking booking = bookings.byToken(due.token(), true).orElseThrow();
                if (booking.state() != Booking.State.OPEN || booking.alertAt() == null || booking.alertAt().isAfter(now)) {
                    return false;
                }
                bookings.update(booking.with(booking.state(), booking.meetingId(), null), now);
                Optional<Lead> lead = leads.find(booking.leadId()).filter(l -> l.stage().isOpen());
                if (lead.isEmpty()) {
                    return false;
                }
                long minutes = Duration.between(booking.createdAt(), now).toMinutes();
                String status = "Did not book: call now (the form came in " + minutes + (minutes == 1 ? " minute" : " minutes") + " ago)";
                Destination to = lead.get().ownerRepId() != null ? Destination.rep(lead.get().ownerRepId())
                        : lead.get().queueId() != null ? Destination.queue(lead.get().queueId()) : Destination.rep(booking.candidates().get(0));
                alerts.post(lead.get(), to, status, "unbooked-" + booking.id(), now);
                journal.remarked(lead.get(), ActivityType.SLA, actor(booking), status, Map.of("booking", "not booked"), now);
                return true;
            });
            alerted += done ? 1 : 0;
        }
        return alerted;
    }

    // -- the offer

    /**
     * Whose calendars are offered: the owner routing chose; for a round-robin or weighted queue also its other
     * members, in the order its turns would pick them; with no owner, the queue's members.
     */
    private List<Long> candidates(Lead lead, Optional<LeadQueue> queue) {
        List<Long> order = new ArrayList<>();
        Long owner = lead.ownerRepId();
        if (owner != null) {
            order.add(owner);
        }
        if (queue.isEmpty()) {
            return order;
        }
        QueueRouting routing = queue.get().routing();
        boolean turns = routing.strategy() == QueueRouting.Strategy.ROUND_ROBIN || routing.strategy() == QueueRouting.Strategy.WEIGHTED;
        if (owner != null && !turns) {
            return order;
        }
        List<Rep> members = queue.get().memberRepIds().stream().map(team::rep).flatMap(Optional::stream)
                .filter(r -> r.active() && !order.contains(r.id())).toList();
        if (turns) {
            FairShare.State share = routingState.fairShare(queue.get().id(), false);
            FairShare.tags(share, members.stream().map(r -> new FairShare.Candidate(r.id(), routing.weight(r.id()))).toList()).stream()
                    .sorted(FAIR_ORDER).forEach(t -> order.add(t.repId()));
        } else {
            Map<Long, Integer> loads = routingState.openLeads(members.stream().map(Rep::id).toList());
            members.stream().sorted(Comparator.comparing((Rep r) -> loads.getOrDefault(r.id(), 0)).thenComparing(Rep::id))
                    .forEach(r -> order.add(r.id()));
        }
        return order;
    }

    private static final Comparator<FairShare.Tags> FAIR_ORDER = Comparator.comparingDouble(FairShare.Tags::start)
            .thenComparingDouble(FairShare.Tags::finish)
            .thenComparing(FairShare.Tags::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(FairShare.Tags::repId);

    // -- taking a slot

    private void checkStart(Booking booking, Instant startsAt) {
        if (startsAt == null) {
            throw new ValidationException("startsAt", "is required: one of the slots' startsAt");
        }
        if (!SlotFinder.onGrid(startsAt, booking.duration())) {
            throw new ValidationException("startsAt", "is not the start of a slot; pick one of the slots' startsAt");
        }
        if (startsAt.isAfter(horizon(booking, clock.instant()))) {
            throw new ValidationException("startsAt", "is beyond the " + booking.days() + " days this link books");
        }
    }

    /**
     * The first of {@code reps} free at the slot, checked again under that rep's booking lock (so no other
     * booking of the rep runs meanwhile); {@code moving} is a meeting of theirs being moved, which does not count.
     */
    private Optional<Rep> takeSlot(Booking booking, List<Long> reps, Instant start, Instant now, Meeting moving) {
        if (start.isBefore(now.plus(SlotFinder.NOTICE))) {
            return Optional.empty();
        }
        Instant end = start.plus(booking.duration());
        for (long repId : reps) {
            if (!free(repId, start, end, moving)) {
                continue;
            }
            bookings.lockRep(repId, now);
            if (free(repId, start, end, moving)) {
                return team.rep(repId);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the rep could meet from {@code start} to {@code end}: active, not paused or away, inside working hours,
     * and without a meeting or a busy time of their own calendar then.
     */
    public boolean isFree(long repId, Instant start, Instant end) {
        return free(repId, start, end, null);
    }

    /** Whether the rep is free from start to end, by their meetings now (but {@code moving}) and calendar. */
    private boolean free(long repId, Instant start, Instant end, Meeting moving) {
        Optional<Rep> rep = team.rep(repId);
        if (rep.isEmpty()) {
            return false;
        }
        List<Interval> busy = new ArrayList<>(bookings.meetings(List.of(repId), start, end).getOrDefault(repId, List.of()));
        if (moving != null) {
            busy.remove(new Interval(moving.startsAt(), moving.endsAt()));
        }
        busy.addAll(calendars.busy(List.of(repId), start, end).getOrDefault(repId, List.of()));
        return SlotFinder.free(new SlotFinder.Calendar(rep.get(), busy), start, end);
    }

    /** Slots of the rep who has the booked meeting, for moving it. */
    private List<SlotFinder.Slot> slotsOf(Booking booking, long repId, Instant now) {
        return slots(booking.offering(List.of(repId)), now, FIRST_SLOTS);
    }

    /** What the finder needs of these reps between two moments: the rep, their meetings and their calendar's busy times. */
    private List<SlotFinder.Calendar> calendars(List<Long> repIds, Instant from, Instant to) {
        Map<Long, List<Interval>> meetings = bookings.meetings(repIds, from, to);
        Map<Long, List<Interval>> external = calendars.busy(repIds, from, to);
        List<SlotFinder.Calendar> out = new ArrayList<>();
        for (long id : repIds) {
            team.rep(id).ifPresent(rep -> {
                List<Interval> busy = new ArrayList<>(meetings.getOrDefault(id, List.of()));
                busy.addAll(external.getOrDefault(id, List.of()));
                out.add(new SlotFinder.Calendar(rep, busy));
            });
        }
        return out;
    }

    /**
     * The lead goes to whoever the visitor booked. When a round-robin or weighted queue's turn gave it to
     * someone else, that turn moves too: the first gets it back, the booked rep is charged it.
     */
    private Lead giveTo(Lead lead, Booking booking, Rep rep, Instant now) {
        Long before = lead.ownerRepId();
        if (before != null && before == rep.id()) {
            return lead;
        }
        Lead after = leads.updateStage(lead, lead.stage().ownedBy(rep.id(), now), now);
        journal.changed(lead, after, ActivityType.ASSIGNED, actor(booking), "Assigned to " + rep.name() + ": the visitor booked "
                + (rep.name().isBlank() ? "them" : "their calendar"), null, now);
        Optional<LeadQueue> queue = Optional.ofNullable(booking.queueId()).flatMap(team::queue);
        if (queue.isPresent() && queue.get().memberRepIds().contains(rep.id())) {
            QueueRouting routing = queue.get().routing();
            if (routing.strategy() == QueueRouting.Strategy.ROUND_ROBIN || routing.strategy() == QueueRouting.Strategy.WEIGHTED) {
                FairShare.State share = routingState.fairShare(queue.get().id(), true);
                Map<Long, FairShare.Member> moved = new HashMap<>();
                FairShare.Member booked = share.member(rep.id());
                moved.put(rep.id(), new FairShare.Member(Math.max(share.clock(), booked.pass()) + 100.0 / routing.weight(rep.id()), now));
                if (before != null && queue.get().memberRepIds().contains(before)) {
                    FairShare.Member first = share.member(before);
                    moved.put(before, new FairShare.Member(Math.max(0, first.pass() - 100.0 / routing.weight(before)), first.lastAssignedAt()));
                }
                routingStore.placeMembers(queue.get().id(), moved);
            }
        }
        return after;
    }

    private void invite(Booking booking, Meeting meeting, Lead lead, Rep rep, BookingEmail.Kind kind, Instant now) {
        lead.data().get(LeadField.EMAIL).ifPresent(email ->
                bookings.queueEmail(booking.id(), meeting.id(), email, BookingEmail.Role.VISITOR, kind, meeting.sequence(), now));
        bookings.queueEmail(booking.id(), meeting.id(), rep.email(), BookingEmail.Role.REP, kind, meeting.sequence(), now);
    }

    private static Instant horizon(Booking booking, Instant now) {
        return now.plus(Duration.ofDays(booking.days()));
    }

    private static String title(Lead lead) {
        String name = Optional.ofNullable(lead.data().displayName()).filter(n -> !n.isBlank()).orElse(lead.id().toString());
        String company = lead.data().get(LeadField.COMPANY).map(c -> " (" + c + ")").orElse("");
        String title = "Meeting with " + name + company;
        return title.length() > 255 ? title.substring(0, 254) + "…" : title;
    }

    private static Actor actor(Booking booking) {
        return Actor.form(booking.formKey());
    }

    static String local(Instant at, Rep rep) {
        ZoneId zone = rep.timeZone();
        return WHEN.format(at.atZone(zone)) + " " + zone.getId();
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
