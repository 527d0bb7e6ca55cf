package dev.leadline.core.nurture;

import dev.leadline.core.activity.Activity;
import dev.leadline.core.activity.ActivityRepository;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * What leads do in answer to nurture emails: a reply sends the lead back to sales (routing, its owner
 * told in chat); a hard bounce suppresses the address and takes the lead out of its cadence; an
 * out-of-office reply pauses the cadence for {@link #AUTO_REPLY_PAUSE_DAYS} business days; an unsubscribe
 * suppresses the address and takes the lead out. Each is on the lead's timeline; each message is handled
 * once, however often the mailbox shows it.
 */
public final class NurtureResponses {
    static final int AUTO_REPLY_PAUSE_DAYS = 5;
    private final Transactor transactor;
    private final NurtureEmails emails;
    private final NurtureRepository nurtures;
    private final NurtureService nurture;
    private final CadenceService cadences;
    private final Suppressions suppressions;
    private final LeadRepository leads;
    private final ActivityRepository timeline;
    private final Recycler recycler;
    private final Clock clock;

    public NurtureResponses(Transactor transactor, NurtureEmails emails, NurtureRepository nurtures, NurtureService nurture, CadenceService cadences,
                            Suppressions suppressions, LeadRepository leads, ActivityRepository timeline, Recycler recycler, Clock clock) {
        this.transactor = transactor;
        this.emails = emails;
        this.nurtures = nurtures;
        this.nurture = nurture;
        this.cadences = cadences;
        this.suppressions = suppressions;
        this.leads = leads;
        this.timeline = timeline;
        this.recycler = recycler;
        this.clock = clock;
    }

    /** What an unsubscribe link names: the address it unsubscribes, if the token is one of ours. */
    public Optional<String> addressOf(String token) {
        return valid(token) ? emails.byUnsubscribeToken(token).map(NurtureEmail::to) : Optional.empty();
    }

    /** Unsubscribes the address the token was sent to (again is harmless); empty when the token is not one of ours. */
    public Optional<String> unsubscribe(String token) {
        if (!valid(token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return transactor.inTransaction(() -> emails.byUnsubscribeToken(token).map(email -> {
            if (suppressions.suppress(email.to(), "unsubscribed", new Actor("email", email.to()), now)) {
                note(email, ActivityType.EMAIL_RECEIVED, email.to() + " unsubscribed from nurture emails", now);
            }
            nurture.exit(email.lead(), new Actor("email", email.to()), "unsubscribed", now);
            return email.to();
        }));
    }

    /** Handles one message from the mailbox; false when it answers none of our emails (or was handled before). */
    public boolean received(InboundEmail mail) {
        Instant now = clock.instant();
        boolean[] recycled = {false};
        boolean handled = transactor.inTransaction(() -> {
            List<NurtureEmail> answered = emails.byMessageIds(mail.refersTo());
            if (answered.isEmpty() || !emails.firstSeen(mail.messageId(), now)) {
                return false;
            }
            NurtureEmail ours = answered.get(answered.size() - 1);
            Optional<Lead> lead = leads.find(ours.lead());
            if (lead.isEmpty()) {
                return true;
            }
            Actor from = new Actor("email", ours.to());
            switch (mail.kind()) {
                case BOUNCE -> {
                    note(ours, ActivityType.EMAIL_RECEIVED, "Email \"" + ours.subject() + "\" to " + ours.to() + " bounced"
                            + (mail.bounceStatus() == null ? "" : " (" + mail.bounceStatus() + ")"), now);
                    if (mail.hardBounce()) {
                        suppressions.suppress(ours.to(), "bounced", from, now);
                        nurture.exit(ours.lead(), from, "the email bounced", now);
                    }
                }
                case AUTO_REPLY -> nurtures.find(ours.lead()).ifPresentOrElse(n -> {
                    Instant until = cadences.find(n.cadence()).map(c -> c.sendWindow().plusWorkingDays(now, AUTO_REPLY_PAUSE_DAYS, ZoneOffset.UTC))
                            .orElse(now);
                    Instant later = until.isAfter(n.nextAt()) ? until : n.nextAt();
                    nurtures.advance(n.lead(), n.step(), later);
                    note(ours, ActivityType.EMAIL_RECEIVED, "Automatic reply from " + ours.to() + " (\"" + mail.subject()
                            + "\"): cadence " + n.cadence() + " paused until " + later, now);
                }, () -> note(ours, ActivityType.EMAIL_RECEIVED, "Automatic reply from " + ours.to() + ": \"" + mail.subject() + "\"", now));
                case REPLY -> {
                    note(ours, ActivityType.EMAIL_RECEIVED, "Reply from " + ours.to() + ": \"" + mail.subject() + "\"", now);
                    if (nurtures.find(ours.lead()).isPresent()) {
                        recycler.recycle(lead.get(), "replied to \"" + ours.subject() + "\"", now);
                        recycled[0] = true;
                    }
                }
            }
            return true;
        });
        if (recycled[0]) {
            recycler.committed();
        }
        return handled;
    }

    private void note(NurtureEmail email, ActivityType type, String summary, Instant at) {
        timeline.appendAll(List.of(new Activity(email.lead(), type, Recycler.ACTOR, at, summary)));
    }

    /** Tokens are 32 URL-safe characters; anything else is not looked up. */
    static boolean valid(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{32}");
    }
}
