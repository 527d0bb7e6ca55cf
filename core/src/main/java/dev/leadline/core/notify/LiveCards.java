package dev.leadline.core.notify;

import dev.leadline.core.activity.Activity;
import dev.leadline.core.activity.ActivityRepository;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.scheduling.Meeting;
import dev.leadline.core.scheduling.ScheduleRepository;
import dev.leadline.core.sla.SlaPolicies;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * A lead's card rendered from the lead as it is at send time, with the latest change it was announced
 * for as its status line: a delivery that waited (a rate limit, a retry, a crash) never shows what
 * the lead no longer is. Other cards (digests, reminders, alerts) go out as they were written.
 */
public final class LiveCards implements CardSource {
    private static final int TIMELINE_LOOKBACK = 20;
    private final CardAnnouncer cards;
    private final LeadRepository leads;
    private final ActivityRepository timeline;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private final SlaPolicies slaPolicies;
    private final ScheduleRepository schedule;
    private final Clock clock;

    public LiveCards(CardAnnouncer cards, LeadRepository leads, ActivityRepository timeline, SlaPolicies slaPolicies,
                     ScheduleRepository schedule, Clock clock) {
        this.cards = cards;
        this.leads = leads;
        this.timeline = timeline;
        this.slaPolicies = slaPolicies;
        this.schedule = schedule;
        this.clock = clock;
    }

    @Override
    public Card current(Notification notification) {
        Optional<LeadId> lead = CardAnnouncer.leadOf(notification.cardKey());
        if (lead.isEmpty()) {
            return notification.card();
        }
        return leads.find(lead.get()).map(now -> {
            Optional<Activity> latest = timeline.forLead(now.id(), TIMELINE_LOOKBACK).stream()
                    .filter(a -> CardAnnouncer.announces(a.type())).findFirst();
            Card drawn = cards.card(now, latest.map(Activity::summary).orElse(notification.card().status()));
            Instant at = clock.instant();
            Card card = schedule.meetingsFor(now.id()).stream().filter(m -> m.outcome() == null && m.startsAt().isAfter(at))
                    .min(Comparator.comparing(Meeting::startsAt))
                    .map(m -> drawn.with(new Card.Field("Next meeting", WHEN.format(m.startsAt()) + (m.title() == null ? "" : " · " + m.title()))))
                    .orElse(drawn);
            boolean awaitingFirstTouch = latest.map(a -> a.type() == ActivityType.OFFERED || a.type() == ActivityType.ASSIGNED).orElse(false);
            return awaitingFirstTouch ? CardAnnouncer.withDeadline(card, now, latest.get().occurredAt(), slaPolicies) : card;
        }).orElse(notification.card());
    }
}
