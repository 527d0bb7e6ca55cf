package dev.leadline.core.notify;

import dev.leadline.core.account.AccountMatch;
import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadAnnouncer;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.sla.SlaPolicies;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns lead changes into outbox notifications: an offer posts the card to the queue's channel, an
 * assignment posts it to the rep, and every later change edits the cards already out.
 */
public final class CardAnnouncer implements LeadAnnouncer {
    private static final Set<ActivityType> UPDATES = EnumSet.of(ActivityType.CLAIMED, ActivityType.RELEASED,
            ActivityType.CONTACT_ATTEMPT, ActivityType.QUALIFIED, ActivityType.DISQUALIFIED, ActivityType.MEETING_SCHEDULED,
            ActivityType.MEETING_RESCHEDULED, ActivityType.MEETING_OUTCOME, ActivityType.CONVERTED, ActivityType.UNCONVERTED,
            ActivityType.MERGED, ActivityType.UNMERGED);

    private static final Pattern LEAD_CARD = Pattern.compile("lead:L-(\\d{1,18})");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private final Outbox outbox;
    private final TeamService team;
    private final SlaPolicies slaPolicies;
    private final Optional<String> crmLeadUrl;
    private final AccountMatching accounts;

    /**
     * @param crmLeadUrl where the CRM shows a lead, with {@code {id}} or {@code {externalId}} in it;
     *                   cards get an "Open in CRM" button when set
     */
    /** Whether cards offer Nurture: while there are cadences to put a lead in. */
    private volatile java.util.function.BooleanSupplier nurtureOffered = () -> false;

    public void offerNurtureWhile(java.util.function.BooleanSupplier cadencesExist) {
        this.nurtureOffered = cadencesExist;
    }

    public CardAnnouncer(Outbox outbox, TeamService team, SlaPolicies slaPolicies, Optional<String> crmLeadUrl) {
        this(outbox, team, slaPolicies, crmLeadUrl, AccountMatching.NONE);
    }

    /** With {@code accounts}, a card names the account its lead matched, and how surely. */
    public CardAnnouncer(Outbox outbox, TeamService team, SlaPolicies slaPolicies, Optional<String> crmLeadUrl, AccountMatching accounts) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.team = team;
        this.slaPolicies = slaPolicies;
        this.crmLeadUrl = crmLeadUrl;
    }

    @Override
    public void announce(Lead before, Lead after, ActivityType type, String summary, Instant at) {
        List<Notification> out = notifications(before, after, type, summary, at, accounts.stored(after.id()), slaPolicies);
        if (!out.isEmpty()) {
            outbox.enqueue(out, at);
        }
    }

    /** Every change's cards in one write to the outbox. */
    @Override
    public void announceAll(List<dev.leadline.core.activity.LeadJournal.Change> changes) {
        List<Notification> out = new ArrayList<>();
        Map<LeadId, AccountMatch> matched = accounts.stored(changes.stream().map(c -> c.after().id()).distinct().toList());
        SlaPolicies batch = slaPolicies.lookingUpOnce();
        changes.forEach(c -> out.addAll(notifications(c.before(), c.after(), c.type(), c.summary(), c.at(),
                Optional.ofNullable(matched.get(c.after().id())), batch)));
        if (!out.isEmpty()) {
            outbox.enqueue(out, changes.get(changes.size() - 1).at());
        }
    }

    /**
     * The lead's new card, posted where it now is; and, when it was somewhere before, an edit of every
     * copy already posted (a lead placed for the first time has no other copies to edit).
     */
    private List<Notification> notifications(Lead before, Lead after, ActivityType type, String summary, Instant at,
                                             Optional<AccountMatch> account, SlaPolicies policies) {
        boolean placedBefore = before.queueId() != null || before.ownerRepId() != null;
        if (!announces(type)) {
            return List.of(); // nothing to post or edit: no card drawn
        }
        Card card = card(after, summary, account);
        if (type == ActivityType.OFFERED || type == ActivityType.ASSIGNED) {
            card = withDeadline(card, after, at, policies);
        }
        String key = cardKey(after);
        List<Notification> out = new ArrayList<>();
        if (type == ActivityType.OFFERED && after.queueId() != null) {
            out.add(post(after, key, Destination.queue(after.queueId()), card, at));
            if (placedBefore) {
                out.add(update(after, key, card, at));
            }
        } else if (type == ActivityType.ASSIGNED && after.ownerRepId() != null) {
            out.add(post(after, key, Destination.rep(after.ownerRepId()), card, at));
            if (placedBefore) {
                out.add(update(after, key, card, at));
            }
        } else if (type == ActivityType.CLAIMED && after.ownerRepId() != null) {
            // the channel's copy keeps only what anyone may do; the owner's buttons come in their own copy
            out.add(update(after, key, card, at));
            out.add(post(after, key, Destination.rep(after.ownerRepId()), card, at));
        } else if (UPDATES.contains(type)) {
            out.add(update(after, key, card, at));
        }
        return out;
    }

    /** True for the changes that put a lead's card in front of someone or edit it. */
    static boolean announces(ActivityType type) {
        return type == ActivityType.OFFERED || type == ActivityType.ASSIGNED || UPDATES.contains(type);
    }

    /** The lead a card key names ({@code lead:42}); empty for other cards (digests, reminders, alerts). */
    public static Optional<LeadId> leadOf(String cardKey) {
        Matcher key = cardKey == null ? null : LEAD_CARD.matcher(cardKey);
        return key != null && key.matches() ? Optional.of(new LeadId(Long.parseLong(key.group(1)))) : Optional.empty();
    }

    /** The SLA's first step, when the queue has one: the time the lead should be touched by. */
    static Card withDeadline(Card card, Lead lead, Instant at, SlaPolicies policies) {
        return Optional.ofNullable(lead.queueId()).flatMap(policies::forQueue).flatMap(p -> p.step(0).map(s -> p.deadline(at, s.after())))
                .map(due -> {
                    List<Card.Field> fields = new ArrayList<>(card.fields());
                    fields.add(new Card.Field("Respond by", HOUR.format(due) + " (in " + Duration.between(at, due).toMinutes() + " min)"));
                    return new Card(card.leadId(), card.title(), card.subtitle(), card.status(), fields, card.actions(), card.ownerRepId());
                }).orElse(card);
    }

    public static String cardKey(Lead lead) {
        return cardKey(lead.id());
    }

    /** The key under which a lead's chat cards are remembered, so that later changes edit them in place. */
    public static String cardKey(dev.leadline.core.lead.LeadId lead) {
        return "lead:" + lead;
    }

    public Card card(Lead lead, String status) {
        return card(lead, status, accounts.stored(lead.id()));
    }

    /** Cards for many leads, their accounts looked up together. */
    public List<Card> cards(List<Lead> leads, String status) {
        Map<LeadId, AccountMatch> matched = accounts.stored(leads.stream().map(Lead::id).toList());
        return leads.stream().map(l -> card(l, status, Optional.ofNullable(matched.get(l.id())))).toList();
    }

    private Card card(Lead lead, String status, Optional<AccountMatch> account) {
        String name = Optional.ofNullable(lead.data().displayName()).orElse(lead.data().get(LeadField.COMPANY).orElse(lead.id().toString()));
        String subtitle = join(lead.data().getOrNull(LeadField.TITLE), lead.data().getOrNull(LeadField.COMPANY), " at ");
        List<Card.Field> fields = new ArrayList<>();
        fields.add(new Card.Field("Status", lead.status().label()));
        lead.data().get(LeadField.SOURCE).ifPresent(s -> fields.add(new Card.Field("Source", s)));
        lead.data().get(LeadField.EMAIL).ifPresent(e -> fields.add(new Card.Field("Email", e)));
        lead.data().get(LeadField.PHONE).ifPresent(p -> fields.add(new Card.Field("Phone", p)));
        Optional.ofNullable(lead.score()).ifPresent(s -> fields.add(new Card.Field("Score", s.toString())));
        Optional.ofNullable(lead.ownerRepId()).flatMap(team::rep).map(Rep::name).ifPresent(o -> fields.add(new Card.Field("Owner", o)));
        Optional.ofNullable(lead.queueId()).flatMap(team::queue).map(LeadQueue::name).ifPresent(q -> fields.add(new Card.Field("Queue", q)));
        account.ifPresent(a -> fields.add(new Card.Field("Account", a.name() + " (" + Math.round(a.confidence() * 100) + " %, " + a.matchedBy() + ")")));
        List<CardAction> actions = new ArrayList<>(actions(lead));
        crmLeadUrl.map(url -> url.replace("{id}", lead.id().toString())
                        .replace("{externalId}", lead.data().get(LeadField.EXTERNAL_ID).orElse(lead.id().toString())))
                .ifPresent(url -> actions.add(new CardAction.Open("Open in CRM", url)));
        return new Card(lead.id().toString(), lead.id() + " · " + name, subtitle, status, fields, actions, lead.ownerRepId());
    }

    /** The buttons that apply to the lead as it is: Claim while it waits in a queue; the owner's work while it is open. */
    private List<CardAction> actions(Lead lead) {
        if (!lead.stage().isOpen()) {
            return List.of();
        }
        if (lead.ownerRepId() == null) {
            return lead.queueId() == null ? List.of() : List.of(CardAction.on(LeadAction.CLAIM));
        }
        return EnumSet.complementOf(EnumSet.of(LeadAction.CLAIM)).stream()
                // a card goes to a channel or a rep's chat, never to a manager in person
                .filter(a -> !a.managerOnly() && !a.onOwnCard())
                .filter(a -> a != LeadAction.NURTURE || nurtureOffered.getAsBoolean())
                .filter(a -> a != LeadAction.QUALIFY || lead.status() != LeadStatus.QUALIFIED)
                // only a lead that came through a queue goes back to one
                .filter(a -> a != LeadAction.RELEASE || lead.queueId() != null)
                .map(CardAction::on).toList();
    }

    private static Notification post(Lead lead, String key, Destination destination, Card card, Instant at) {
        return new Notification(0, Notification.Kind.POST, lead.id().value(), key, destination, card, 0, at);
    }

    private static Notification update(Lead lead, String key, Card card, Instant at) {
        return new Notification(0, Notification.Kind.UPDATE, lead.id().value(), key, null, card, 0, at);
    }

    private static String join(String a, String b, String separator) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + separator + b;
    }
}
