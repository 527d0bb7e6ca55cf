package dev.leadline.core.chat;

import dev.leadline.core.common.Page;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.notify.Agenda;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.CardAnnouncer;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadView;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import dev.leadline.core.views.SavedViewService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reading side of chat: a rep's list views and lead cards. */
public final class ChatLookups {
    static final int LIST_SIZE = 8;
    static final int HOME_LEADS = 5;
    private static final List<LeadView> HOME_VIEWS = List.of(LeadView.MINE, LeadView.OVERDUE, LeadView.DUE_TODAY, LeadView.UPCOMING,
            LeadView.NOT_CONTACTED, LeadView.ATTEMPTED, LeadView.ENGAGED, LeadView.MEETING_SCHEDULED, LeadView.NO_UPCOMING, LeadView.IDLE);
    private final LeadService leads;
    private final SavedViewService views;
    private final CardAnnouncer cards;
    private final Agenda agenda;
    private final TeamService team;
    private final Clock clock;

    public ChatLookups(LeadService leads, SavedViewService views, CardAnnouncer cards, Agenda agenda, TeamService team, Clock clock) {
        this.leads = leads;
        this.views = views;
        this.cards = cards;
        this.agenda = agenda;
        this.team = team;
        this.clock = clock;
    }

    /**
     * A view by name (built-in or custom) for the rep: the rep's own leads, except {@code new}
     * (nobody's yet) and {@code queue <name>} (waiting in that queue).
     */
    public ChatReply list(String viewName, Rep rep) {
        return list(viewName, rep, null);
    }

    /** As {@link #list(String, Rep)}, continuing after {@code after} (a cursor from the page before) when given. */
    public ChatReply list(String viewName, Rep rep, String after) {
        LeadQuery scope = LeadQuery.at(clock.instant(), rep.timeZone());
        LeadQuery query;
        if (viewName.toLowerCase(java.util.Locale.ROOT).matches("queue(\\s.*)?")) {
            String name = viewName.substring("queue".length()).strip();
            LeadQueue queue = team.queueByName(name).orElseThrow(() -> new ValidationException("queue",
                    name.isEmpty() ? "write it as: leads queue <name>" : "no queue named '" + name + "'"));
            query = scope.withView(LeadView.QUEUE).withQueue(Optional.of(queue.id()));
        } else {
            query = viewName.equalsIgnoreCase("new") ? scope.withView(LeadView.NEW)
                    : views.open(viewName, scope.withOwner(Optional.of(rep.id())));
        }
        query = query.withPage(LIST_SIZE, Optional.ofNullable(after).map(dev.leadline.core.lead.LeadCursor::decode));
        Page<Lead> page = leads.list(query);
        long total = leads.count(query);
        if (page.items().isEmpty()) {
            return ChatReply.text(after == null ? Rich.of("Nothing in ").bold(shownName(viewName)).text(" right now.")
                    : Rich.of("No more leads in ").bold(shownName(viewName)).text("."));
        }
        List<Card> shown = cards.cards(page.items(), null).stream().map(c -> agenda.on(c, dev.leadline.core.lead.LeadId.parse(c.leadId()))).toList();
        Rich heading = Rich.empty().bold(shownName(viewName)).text(": " + total + (total == 1 ? " lead" : " leads")
                + (page.nextCursor().isPresent() || after != null ? " (" + shown.size() + (after == null ? " shown" : " more") + ")" : ""));
        return new ChatReply(heading, shown, false, page.nextCursor().map(cursor -> new ChatReply.More(viewName, cursor)));
    }

    /** A built-in view by its label ("No upcoming"), anything else as the rep wrote it. */
    private static String shownName(String viewName) {
        return LeadView.find(viewName).map(LeadView::title).orElse(viewName);
    }

    /**
     * A rep's home: how many leads each intelligence view holds for them, and the leads to act on
     * first (overdue, then due today, then not yet contacted).
     */
    public ChatReply home(Rep rep) {
        LeadQuery mine = LeadQuery.at(clock.instant(), rep.timeZone()).withOwner(Optional.of(rep.id()));
        Map<LeadView, Long> counts = leads.counts(mine);
        Rich text = Rich.empty();
        for (LeadView view : HOME_VIEWS) {
            text = text.text((view == HOME_VIEWS.get(0) ? "" : " · ") + view.title() + ": ").bold(String.valueOf(counts.getOrDefault(view, 0L)));
        }
        List<Card> next = new java.util.ArrayList<>();
        for (LeadView view : List.of(LeadView.OVERDUE, LeadView.DUE_TODAY, LeadView.NOT_CONTACTED)) {
            if (next.size() < HOME_LEADS) {
                leads.list(mine.withView(view).withPage(HOME_LEADS, Optional.empty())).items().stream()
                        .filter(l -> next.stream().noneMatch(c -> c.leadId().equals(l.id().toString())))
                        .limit(HOME_LEADS - next.size()).forEach(l -> next.add(card(l, view.title())));
            }
        }
        return new ChatReply(text, next);
    }

    public Lead lead(String reference) {
        return leads.byReference(reference);
    }

    /** A lead's card with what is next for it. */
    public Card card(Lead lead, String status) {
        return agenda.on(cards.card(lead, status), lead.id());
    }
}
