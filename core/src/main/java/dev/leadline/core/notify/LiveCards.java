package dev.leadline.core.notify;

import dev.leadline.core.activity.Activity;
import dev.leadline.core.activity.ActivityRepository;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.sla.SlaPolicies;
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
    private final SlaPolicies slaPolicies;
    private final Agenda agenda;

    public LiveCards(CardAnnouncer cards, LeadRepository leads, ActivityRepository timeline, SlaPolicies slaPolicies, Agenda agenda) {
        this.cards = cards;
        this.leads = leads;
        this.timeline = timeline;
        this.slaPolicies = slaPolicies;
        this.agenda = agenda;
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
            Card card = agenda.on(drawn, now.id());
            boolean awaitingFirstTouch = latest.map(a -> a.type() == ActivityType.OFFERED || a.type() == ActivityType.ASSIGNED).orElse(false);
            return awaitingFirstTouch ? CardAnnouncer.withDeadline(card, now, latest.get().occurredAt(), slaPolicies) : card;
        }).orElse(notification.card());
    }
}
