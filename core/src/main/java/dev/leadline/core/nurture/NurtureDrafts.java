package dev.leadline.core.nurture;

import dev.leadline.core.activity.Activity;
import dev.leadline.core.activity.ActivityRepository;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.CardAction;
import dev.leadline.core.notify.CardAnnouncer;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.notify.LeadAction;
import dev.leadline.core.notify.Notification;
import dev.leadline.core.notify.Outbox;
import dev.leadline.core.team.ActingRep;
import dev.leadline.core.team.Permissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.commons.text.StringEscapeUtils;

/**
 * Email steps that ask for approval: the draft goes to its owner in chat (Slack, Teams, Mattermost) on
 * a card with <b>Send as me</b>, <b>Edit</b> and <b>Skip</b>. Sending or editing queues the email (sent once
 * by {@link NurtureMail}) and moves the cadence on; skipping moves it on without the email; a draft nobody
 * answers in time is skipped by the runner. The card is edited to say what became of the draft. Only the
 * draft's owner, or a manager, decides.
 */
public final class NurtureDrafts {
    /** What a decision on a draft came to. */
    public sealed interface Decision {
        record Done(String summary) implements Decision {}

        record Refused(String why) implements Decision {}
    }

    private final Transactor transactor;
    private final NurtureEmails emails;
    private final NurtureRepository nurtures;
    private final LeadRepository leads;
    private final ActivityRepository timeline;
    private final CardAnnouncer cards;
    private final Outbox outbox;
    private final Drafters drafters;
    private final Clock clock;

    public NurtureDrafts(Transactor transactor, NurtureEmails emails, NurtureRepository nurtures, LeadRepository leads, ActivityRepository timeline,
                         CardAnnouncer cards, Outbox outbox, Drafters drafters, Clock clock) {
        this.drafters = drafters;
        this.transactor = transactor;
        this.emails = emails;
        this.nurtures = nurtures;
        this.leads = leads;
        this.timeline = timeline;
        this.cards = cards;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The lead's draft waiting for approval, if any (the newest). */
    public Optional<NurtureEmail> pending(LeadId lead) {
        return emails.unsentFor(lead).stream().filter(e -> e.state() == NurtureEmail.State.DRAFT).reduce((a, b) -> b);
    }

    /** Sends the lead's draft as it is. */
    public Decision send(LeadId lead, ActingRep by) {
        return decide(lead, by, draft -> approve(draft, draft.subject(), draft.text(), draft.html(), by, "approved"));
    }

    /** Sends the lead's draft with the owner's own subject and body (plain text; the HTML part is made from it). */
    public Decision edit(LeadId lead, String subject, String body, ActingRep by) {
        if (subject == null || subject.isBlank() || subject.length() > 200) {
            throw new ValidationException("subject", "1 to 200 characters");
        }
        if (body == null || body.isBlank() || body.length() > 20_000) {
            throw new ValidationException("body", "1 to 20,000 characters");
        }
        String oneLine = subject.replaceAll("[\\r\\n\\t]+", " ").strip();
        return decide(lead, by, draft -> approve(draft, oneLine, body.strip(), NurtureRunner.paragraphs(StringEscapeUtils.escapeHtml4(body.strip())),
                by, "edited and approved"));
    }

    /** Leaves the draft unsent; the cadence goes on. */
    public Decision skip(LeadId lead, ActingRep by) {
        return decide(lead, by, draft -> {
            Instant now = clock.instant();
            emails.end(draft.id(), NurtureEmail.State.FAILED, "skipped by " + by.rep().name());
            moveOn(draft, now);
            String summary = "Draft \"" + draft.subject() + "\" skipped by " + by.rep().name();
            close(draft, summary, by.actor(), now);
            return new Decision.Done(summary);
        });
    }

    private Decision decide(LeadId id, ActingRep by, java.util.function.Function<NurtureEmail, Decision> decision) {
        return transactor.inTransaction(() -> {
            leads.find(id).orElseThrow(() -> new NotFoundException("lead", id.toString()));
            Optional<NurtureEmail> draft = pending(id);
            if (draft.isEmpty()) {
                return new Decision.Refused(id + " has no draft waiting: it was sent, skipped or expired already");
            }
            boolean owner = draft.get().senderRepId() != null && draft.get().senderRepId() == by.rep().id();
            if (!owner && !Permissions.isManager(by.rep())) {
                return new Decision.Refused("only the draft's owner or a manager may decide on it");
            }
            return decision.apply(draft.get());
        });
    }

    private Decision approve(NurtureEmail draft, String subject, String text, String html, ActingRep by, String how) {
        Instant now = clock.instant();
        if (!emails.approve(draft.id(), subject, text, html, now)) {
            return new Decision.Refused("the draft was decided on already");
        }
        moveOn(draft, now);
        String summary = "Draft \"" + subject + "\" " + how + " by " + by.rep().name() + ": sending to " + draft.to();
        close(draft, summary, by.actor(), now);
        return new Decision.Done(summary);
    }

    /** The enrolment goes past the draft's step, if it is still there. */
    private void moveOn(NurtureEmail draft, Instant now) {
        nurtures.find(draft.lead()).filter(n -> n.enrolledAt().equals(draft.enrolledAt()) && n.step() == draft.step())
                .ifPresent(n -> nurtures.advance(n.lead(), n.step() + 1, now));
    }

    /** Posts the draft to its owner, with the buttons to decide (in the runner's transaction). */
    void offer(NurtureEmail draft, Lead lead, Instant now) {
        outbox.enqueue(List.of(new Notification(0, Notification.Kind.POST, lead.id().value(), key(draft), Destination.rep(draft.senderRepId()),
                card(draft, lead, "Approve this email from cadence " + draft.cadence() + " by " + draft.nextTryAt() + ", or it is skipped", true),
                0, now)), now);
        timeline.appendAll(List.of(new Activity(lead.id(), ActivityType.NURTURE, Recycler.ACTOR, now,
                "Draft \"" + draft.subject() + "\" sent to its owner for approval")));
    }

    /**
     * Has the step's drafter plugin rewrite a draft just offered (outside any transaction: a language model
     * takes seconds), then shows the owner the new draft, with the drafter's rationale. When the drafter
     * fails, the template's draft stands and the timeline says why.
     */
    public void redraft(long draftId, String drafter) {
        Optional<NurtureEmail> found = emails.find(draftId).filter(d -> d.state() == NurtureEmail.State.DRAFT);
        Optional<Lead> lead = found.flatMap(d -> leads.find(d.lead()));
        if (found.isEmpty() || lead.isEmpty()) {
            return;
        }
        NurtureEmail draft = found.get();
        List<Activity> history = timeline.forLead(draft.lead(), 200);
        java.util.Map<String, String> enrichment = lead.get().enrichment();
        dev.leadline.plugin.DraftRequest request = new dev.leadline.plugin.DraftRequest(
                dev.leadline.core.enrichment.EnrichmentService.snapshot(lead.get(), enrichment),
                new dev.leadline.plugin.ActivitySummary((int) history.stream().filter(a -> a.type() == ActivityType.CONTACT_ATTEMPT).count(),
                        (int) history.stream().filter(a -> a.type() == ActivityType.MEETING_SCHEDULED).count(),
                        history.stream().filter(a -> a.type().isActivity()).map(Activity::occurredAt).findFirst().orElse(null)),
                history.stream().limit(20).map(a -> a.occurredAt().toString().substring(0, 10) + " " + a.summary()).toList(),
                draft.cadence(), draft.subject(), draft.text(), draft.fromName() == null ? draft.fromAddress() : draft.fromName());
        dev.leadline.core.enrichment.ProviderCalls.Called<dev.leadline.plugin.Draft> called = drafters.draft(drafter, request);
        Optional<String> problem = called.failure() != null ? Optional.of(called.failure()) : invalid(called.value());
        transactor.inTransaction(() -> {
            Instant now = clock.instant();
            if (problem.isPresent()) {
                timeline.appendAll(List.of(new Activity(draft.lead(), ActivityType.NURTURE, Recycler.ACTOR, now,
                        "Drafter " + drafter + " wrote no draft (" + problem.get() + "): the template's draft stands")));
                return null;
            }
            dev.leadline.plugin.Draft written = called.value();
            String subject = written.subject().replaceAll("[\\r\\n\\t]+", " ").strip();
            String body = written.body().strip();
            if (!emails.redraft(draft.id(), subject, body, NurtureRunner.paragraphs(StringEscapeUtils.escapeHtml4(body)))) {
                return null;
            }
            String said = written.rationale() == null ? "" : written.rationale().strip();
            String rationale = said.length() > 500 ? said.substring(0, 500) + "…" : said;
            timeline.appendAll(List.of(new Activity(draft.lead(), ActivityType.NURTURE, Recycler.ACTOR, now, "Draft \"" + subject
                    + "\" written by " + drafter + (rationale.isEmpty() ? "" : ": " + rationale))));
            NurtureEmail rewritten = emails.find(draft.id()).orElseThrow();
            leads.find(draft.lead()).ifPresent(l -> outbox.enqueue(List.of(new Notification(0, Notification.Kind.UPDATE, l.id().value(), key(draft),
                    Destination.rep(draft.senderRepId()), card(rewritten, l, "Approve this email drafted by " + drafter + " by " + draft.nextTryAt()
                    + ", or it is skipped" + (rationale.isEmpty() ? "" : ". Why: " + rationale), true), 0, now)), now));
            return null;
        });
    }

    private static Optional<String> invalid(dev.leadline.plugin.Draft draft) {
        if (draft == null || draft.subject() == null || draft.subject().isBlank() || draft.subject().length() > 200) {
            return Optional.of("its subject was empty or over 200 characters");
        }
        if (draft.body() == null || draft.body().isBlank() || draft.body().length() > 20_000) {
            return Optional.of("its body was empty or over 20,000 characters");
        }
        return Optional.empty();
    }

    /** A draft nobody answered in time: skipped (in the runner's transaction). */
    void expire(NurtureEmail draft, Instant now) {
        emails.end(draft.id(), NurtureEmail.State.FAILED, "not approved in time");
        close(draft, "Draft \"" + draft.subject() + "\" not approved in time: skipped", Recycler.ACTOR, now);
    }

    private void close(NurtureEmail draft, String summary, Actor actor, Instant now) {
        timeline.appendAll(List.of(new Activity(draft.lead(), ActivityType.EMAIL_SENT, actor, now, summary)));
        leads.find(draft.lead()).ifPresent(lead -> outbox.enqueue(List.of(new Notification(0, Notification.Kind.UPDATE, lead.id().value(),
                key(draft), Destination.rep(draft.senderRepId()), card(draft, lead, summary, false), 0, now)), now));
    }

    private static String key(NurtureEmail draft) {
        return CardAnnouncer.cardKey(draft.lead()) + ":draft-" + draft.id();
    }

    private Card card(NurtureEmail draft, Lead lead, String status, boolean open) {
        Card lead_ = cards.card(lead, status);
        String body = draft.text().length() > 2500 ? draft.text().substring(0, 2500) + "…" : draft.text();
        List<Card.Field> fields = List.of(new Card.Field("To", draft.to()), new Card.Field("Subject", draft.subject()), new Card.Field("Email", body));
        List<CardAction> actions = open ? List.of(CardAction.on(LeadAction.SEND_DRAFT), CardAction.on(LeadAction.EDIT_DRAFT),
                CardAction.on(LeadAction.SKIP_DRAFT)) : List.of();
        return new Card(lead_.leadId(), "Draft email · " + lead_.title(), lead_.subtitle(), status, fields, actions, draft.senderRepId());
    }
}
