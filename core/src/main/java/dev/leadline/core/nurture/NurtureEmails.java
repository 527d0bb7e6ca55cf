package dev.leadline.core.nurture;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Nurture emails, from recorded to sent; calls join the caller's transaction. */
public interface NurtureEmails {
    /** Records a step's email; false when that step of that enrolment has one already (the id is then ignored). */
    boolean record(NurtureEmail email);

    /** Queued emails whose time has come, oldest first. */
    List<NurtureEmail> due(Instant now, int limit);

    /** The lead's emails not sent yet: queued, or drafts waiting for approval. */
    List<NurtureEmail> unsentFor(dev.leadline.core.lead.LeadId lead);

    /** The email recorded for a step of an enrolment, if any. */
    Optional<NurtureEmail> ofStep(dev.leadline.core.lead.LeadId lead, Instant enrolledAt, int step);

    Optional<NurtureEmail> find(long id);

    /** Rewrites a draft still waiting for approval; false when it is no longer a draft. */
    boolean redraft(long id, String subject, String text, String html);

    /** Approves a draft (its owner's words, or the template's): queued to be sent at {@code at}; false when it is no longer a draft. */
    boolean approve(long id, String subject, String text, String html, Instant at);

    /** Moves a queued email to sending; false when it is no longer queued (another run took it). */
    boolean sending(long id, Instant at);

    void sent(long id, Instant at);

    /** Back to queued, to be tried at {@code at}. */
    void retry(long id, Instant at, String why);

    /** Puts a queued email off until {@code at} without counting a try (a throttle). */
    void later(long id, Instant at);

    /** Records an inbound message by its {@code Message-ID}; false when it was seen before. */
    boolean firstSeen(String messageId, Instant at);

    /** Ends the email in {@link NurtureEmail.State#FAILED} or {@link NurtureEmail.State#UNKNOWN}, with why. */
    void end(long id, NurtureEmail.State state, String why);

    /** Emails left in sending since before {@code before}: their run stopped mid-hand-over. */
    List<NurtureEmail> stuckSending(Instant before);

    Optional<NurtureEmail> byUnsubscribeToken(String token);

    /** Sent emails by their {@code Message-ID}s (as written in them, with the angle brackets). */
    List<NurtureEmail> byMessageIds(Collection<String> messageIds);

    /** How many emails went since {@code since}: by sender (see {@link NurtureMail#senderKey}) and by recipient domain. */
    SentCounts sentSince(Instant since);

    record SentCounts(Map<String, Integer> bySender, Map<String, Integer> byDomain) {}
}
