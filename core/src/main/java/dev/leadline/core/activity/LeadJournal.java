package dev.leadline.core.activity;

import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what happened to leads to both the timeline (for people) and the audit log (for the
 * record), inside the caller's transaction.
 */
public final class LeadJournal {
    public static final String ENTITY = "lead";

    private final ActivityRepository activities;
    private final AuditLog audit;
    private final LeadAnnouncer announcer;
    private final LeadFacts facts;

    public LeadJournal(ActivityRepository activities, AuditLog audit) {
        this(activities, audit, LeadAnnouncer.NONE);
    }

    public LeadJournal(ActivityRepository activities, AuditLog audit, LeadAnnouncer announcer) {
        this(activities, audit, announcer, LeadFacts.NONE);
    }

    public LeadJournal(ActivityRepository activities, AuditLog audit, LeadAnnouncer announcer, LeadFacts facts) {
        this.activities = activities;
        this.audit = audit;
        this.announcer = announcer;
        this.facts = facts;
    }

    public void created(List<Lead> leads, ActivityType type, Actor actor, String summary) {
        created(leads, type, actor, java.util.Collections.nCopies(leads.size(), summary));
    }

    /** As {@link #created(List, ActivityType, Actor, String)}, each lead with its own summary (in order). */
    public void created(List<Lead> leads, ActivityType type, Actor actor, List<String> summaries) {
        List<Activity> entries = new ArrayList<>(leads.size());
        List<AuditEntry> changes = new ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            Lead lead = leads.get(i);
            entries.add(new Activity(lead.id(), type, actor, lead.createdAt(), summaries.get(i)));
            changes.add(new AuditEntry(ENTITY, lead.id().toString(), "created", actor, lead.createdAt(), null, LeadSnapshot.of(lead)));
        }
        activities.appendAll(entries);
        audit.record(changes);
        facts.created(leads, actor);
    }

    /** A change to where the lead stands (claim, status, ...), with an optional longer text. */
    public void changed(Lead before, Lead after, ActivityType type, Actor actor, String summary, String details, Instant at) {
        activities.appendAll(List.of(new Activity(after.id(), type, actor, at, summary, details)));
        audit.record(List.of(entry(before, after, type.name().toLowerCase(java.util.Locale.ROOT), actor, at)));
        facts.changed(List.of(new Change(before, after, type, summary, details, at)), actor);
        announcer.announce(before, after, type, summary, at);
    }

    /** A change to where a lead stands, for {@link #changedAll}. */
    public record Change(Lead before, Lead after, ActivityType type, String summary, String details, Instant at) {}

    /** As {@link #changed} for many leads by one actor: their timeline entries and audit records written together. */
    public void changedAll(List<Change> changes, Actor actor) {
        if (!changes.isEmpty()) {
            changedUnseen(changes, actor);
            announcer.announceAll(changes);
        }
    }

    /**
     * As {@link #changedAll} for leads whose card no one has been shown (never placed, or stored in the
     * caller's transaction as an import row merged at once is): the timeline entries and audit records,
     * and nothing to announce.
     */
    public void changedUnseen(List<Change> changes, Actor actor) {
        if (changes.isEmpty()) {
            return;
        }
        List<Activity> entries = new ArrayList<>(changes.size());
        List<AuditEntry> records = new ArrayList<>(changes.size());
        for (Change c : changes) {
            entries.add(new Activity(c.after().id(), c.type(), actor, c.at(), c.summary(), c.details()));
            records.add(entry(c.before(), c.after(), c.type().name().toLowerCase(java.util.Locale.ROOT), actor, c.at()));
        }
        activities.appendAll(entries);
        audit.record(records);
        facts.changed(changes, actor);
    }

    /** An SLA step ({@code remind}, {@code reassign}, {@code alert-manager}) that acted on the lead: on its timeline and in its facts. */
    public void slaStep(Lead lead, String step, Actor actor, String summary, Instant at) {
        activities.appendAll(List.of(new Activity(lead.id(), ActivityType.SLA, actor, at, summary)));
        facts.slaStep(lead, step, at);
    }

    /** Something said about a lead that changes nothing in it (a look-alike dismissed): its timeline entry and audit record. */
    public void remarked(Lead lead, ActivityType type, Actor actor, String summary, java.util.Map<String, String> record, Instant at) {
        activities.appendAll(List.of(new Activity(lead.id(), type, actor, at, summary)));
        audit.record(List.of(new AuditEntry(ENTITY, lead.id().toString(), type.name().toLowerCase(java.util.Locale.ROOT), actor, at, null,
                record)));
    }

    public void updated(Lead before, Lead after, Actor actor, String summary, Instant at) {
        activities.appendAll(List.of(new Activity(after.id(), ActivityType.UPDATED, actor, at, summary)));
        audit.record(List.of(entry(before, after, "updated", actor, at)));
        facts.updated(before, after);
    }

    /** A change's audit record: the values it changed, before and after (the whole lead is in its "created" record). */
    private static AuditEntry entry(Lead before, Lead after, String action, Actor actor, Instant at) {
        LeadSnapshot.Delta delta = LeadSnapshot.changes(before, after);
        return new AuditEntry(ENTITY, after.id().toString(), action, actor, at, delta.before(), delta.after());
    }
}
