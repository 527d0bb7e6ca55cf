package dev.leadline.core.nurture;

import dev.leadline.core.activity.Activity;
import dev.leadline.core.activity.ActivityRepository;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends recorded nurture emails, each exactly once: an email is marked sending (committed) before it is
 * handed to the mail server and sent (committed) after, so an email found still sending later was cut
 * off mid-hand-over; it may have gone, and it is not sent again blindly but ended as unknown, on the
 * lead's timeline. A server that cannot be reached or answers 4xx is tried again with a growing pause;
 * a 5xx ends the email as failed. Before each email: the lead must not be marked Do Not Email, its address
 * not suppressed, and the sender and the recipient's domain under their hourly limits. (A lead that leaves
 * its cadence early has its queued emails ended then, by {@link NurtureService}.)
 */
public final class NurtureMail {
    private static final Logger log = LoggerFactory.getLogger(NurtureMail.class);
    /** An email sending for this long belongs to a run that stopped (a hand-over times out after a minute or two). */
    static final Duration STUCK = Duration.ofMinutes(10);
    static final int MAX_ATTEMPTS = 8;

    /** At most {@code perSenderPerHour} emails an hour from one rep (or address), and {@code perDomainPerHour} to one domain. */
    public record Limits(int perSenderPerHour, int perDomainPerHour) {
        public static final Limits DEFAULT = new Limits(200, 50);
    }

    private final Transactor transactor;
    private final NurtureEmails emails;
    private final Suppressions suppressions;
    private final LeadRepository leads;
    private final ActivityRepository timeline;
    private final Mailer mailer;
    private final Limits limits;
    private final String unsubscribeBase;
    private final Clock clock;

    /** {@code unsubscribeBase}: this server's public address, where {@code /unsubscribe/{token}} answers anyone. */
    public NurtureMail(Transactor transactor, NurtureEmails emails, Suppressions suppressions, LeadRepository leads,
                       ActivityRepository timeline, Mailer mailer, Limits limits, String unsubscribeBase, Clock clock) {
        this.transactor = transactor;
        this.emails = emails;
        this.suppressions = suppressions;
        this.leads = leads;
        this.timeline = timeline;
        this.mailer = mailer;
        this.limits = limits;
        this.unsubscribeBase = unsubscribeBase.endsWith("/") ? unsubscribeBase.substring(0, unsubscribeBase.length() - 1) : unsubscribeBase;
        this.clock = clock;
    }

    /** What one delivery run did: how many due emails it took from the queue (whatever became of them), and how many went. */
    public record Delivered(int taken, int sent) {}

    /** Sends at most {@code limit} due emails. */
    public Delivered deliver(int limit) {
        Instant now = clock.instant();
        transactor.inTransaction(() -> {
            for (NurtureEmail cut : emails.stuckSending(now.minus(STUCK))) {
                emails.end(cut.id(), NurtureEmail.State.UNKNOWN, "the server stopped while handing it over");
                note(cut, "Email \"" + cut.subject() + "\" to " + cut.to() + " may or may not have gone (the server stopped while sending it);"
                        + " it is not sent again", now);
            }
        });
        List<NurtureEmail> due = transactor.inTransaction(() -> emails.due(now, limit));
        if (due.isEmpty()) {
            return new Delivered(0, 0);
        }
        NurtureEmails.SentCounts counted = transactor.inTransaction(() -> emails.sentSince(now.minus(Duration.ofHours(1))));
        Map<String, Integer> bySender = new HashMap<>(counted.bySender());
        Map<String, Integer> byDomain = new HashMap<>(counted.byDomain());
        int sent = 0;
        for (NurtureEmail email : due) {
            if (bySender.getOrDefault(senderKey(email), 0) >= limits.perSenderPerHour()
                    || byDomain.getOrDefault(email.toDomain(), 0) >= limits.perDomainPerHour()) {
                transactor.inTransaction(() -> emails.later(email.id(), now.plus(Duration.ofMinutes(10))));
                continue;
            }
            // one transaction: whether it may still go, and if so marked sending (unless another run took it)
            boolean mine = transactor.inTransaction(() -> stopped(email, now).isEmpty() && emails.sending(email.id(), now));
            if (!mine) {
                continue;
            }
            Mailer.Outcome outcome;
            try {
                outcome = mailer.send(email.outgoing(unsubscribeBase + "/unsubscribe/" + email.unsubscribeToken()));
            } catch (RuntimeException e) {
                log.warn("handing email {} to the mail server failed unexpectedly", email.id(), e);
                outcome = new Mailer.Outcome.Unknown(e.getClass().getSimpleName());
            }
            Mailer.Outcome answered = outcome;
            transactor.inTransaction(() -> settle(email, answered, clock.instant()));
            if (outcome instanceof Mailer.Outcome.Sent) {
                sent++;
                bySender.merge(senderKey(email), 1, Integer::sum);
                byDomain.merge(email.toDomain(), 1, Integer::sum);
            }
        }
        return new Delivered(due.size(), sent);
    }

    /**
     * Whom the per-sender limit counts for: the owner an email goes from on behalf of (with a shared
     * {@code LEADLINE_SMTP_FROM}, each rep has their own hourly share), else its address.
     */
    static String senderKey(NurtureEmail email) {
        return email.senderRepId() != null ? "rep:" + email.senderRepId() : email.fromAddress();
    }

    /** Why the email must not go any more (ending it as failed, on the timeline), if it must not. */
    private Optional<String> stopped(NurtureEmail email, Instant now) {
        Optional<Lead> lead = leads.find(email.lead());
        String why = lead.isEmpty() ? "the lead is gone"
                : NurtureRunner.doNotEmail(lead.get()) ? "the lead is marked Do Not Email"
                : !suppressions.suppressed(List.of(email.to())).isEmpty() ? email.to() + " is on the suppression list"
                : null;
        if (why == null) {
            return Optional.empty();
        }
        emails.end(email.id(), NurtureEmail.State.FAILED, why);
        note(email, "Email \"" + email.subject() + "\" not sent: " + why, now);
        return Optional.of(why);
    }

    private void settle(NurtureEmail email, Mailer.Outcome outcome, Instant now) {
        if (outcome instanceof Mailer.Outcome.Sent) {
            emails.sent(email.id(), now);
            note(email, (mailer.delivers() ? "Emailed " : "Email written to the log (no SMTP server is set), to ") + email.to() + ": "
                    + email.subject(), now);
        } else if (outcome instanceof Mailer.Outcome.Deferred deferred) {
            if (email.attempts() + 1 >= MAX_ATTEMPTS) {
                emails.end(email.id(), NurtureEmail.State.FAILED, deferred.reason());
                note(email, "Email \"" + email.subject() + "\" to " + email.to() + " not sent after " + MAX_ATTEMPTS + " tries: " + deferred.reason(), now);
            } else {
                emails.retry(email.id(), now.plus(Duration.ofMinutes(1L << Math.min(email.attempts(), 10))), deferred.reason());
            }
        } else if (outcome instanceof Mailer.Outcome.Refused refused) {
            emails.end(email.id(), NurtureEmail.State.FAILED, refused.reason());
            note(email, "Email \"" + email.subject() + "\" to " + email.to() + " refused by the mail server: " + refused.reason(), now);
        } else if (outcome instanceof Mailer.Outcome.Unknown unknown) {
            emails.end(email.id(), NurtureEmail.State.UNKNOWN, unknown.reason());
            note(email, "Email \"" + email.subject() + "\" to " + email.to() + " may or may not have gone (" + unknown.reason()
                    + "); it is not sent again", now);
        }
    }

    private void note(NurtureEmail email, String summary, Instant at) {
        timeline.appendAll(List.of(new Activity(email.lead(), ActivityType.EMAIL_SENT, Recycler.ACTOR, at, summary)));
    }
}
