package dev.leadline.core.integration;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies what changed in a CRM to leads, field by field, the newer change winning: the owner against
 * when the lead came to its current owner (or queue), the status against the lead's last change. A CRM
 * change that loses is kept on the timeline, as is one that wins (with what Leadline had). A converted
 * or merged lead is never changed from a CRM; statuses a CRM may set are new, attempted, engaged,
 * qualified and disqualified.
 */
public final class CrmUpdates {
    private static final Set<LeadStatus> SETTABLE = EnumSet.of(LeadStatus.NEW, LeadStatus.ATTEMPTED, LeadStatus.ENGAGED, LeadStatus.QUALIFIED,
            LeadStatus.DISQUALIFIED);
    private final Transactor transactor;
    private final LeadRepository leads;
    private final LeadJournal journal;
    private final TeamService team;
    private final Clock clock;

    public CrmUpdates(Transactor transactor, LeadRepository leads, LeadJournal journal, TeamService team, Clock clock) {
        this.transactor = transactor;
        this.leads = leads;
        this.journal = journal;
        this.team = team;
        this.clock = clock;
    }

    /** The actor a CRM's changes are recorded by, e.g. {@code crm:crm-hubspot}. */
    public static Actor actor(String connector) {
        return new Actor("crm", connector);
    }

    /**
     * Applies a CRM's values ({@code owner} as an email, {@code status} in Leadline's terms) changed at
     * {@code changedAt}; returns what it did, one line per field, for the connector's log.
     */
    public List<String> apply(LeadId id, String connector, String crmName, Map<String, String> values, Instant changedAt) {
        return transactor.inTransaction(() -> {
            Optional<Lead> found = leads.findForUpdate(id);
            if (found.isEmpty()) {
                return List.of(id + " is gone");
            }
            Lead current = found.get();
            Lead lead = current;
            // a CRM tells every record it touched, Leadline's own pushes included: only values that differ are changes
            Map<String, String> changed = new java.util.HashMap<>(values);
            Optional<String> ownerNow = Optional.ofNullable(lead.ownerRepId()).flatMap(team::rep).map(Rep::email);
            if (changed.containsKey("owner") && (changed.get("owner") == null || changed.get("owner").isBlank()
                    || ownerNow.filter(o -> o.equalsIgnoreCase(changed.get("owner").strip())).isPresent())) {
                changed.remove("owner");
            }
            if (changed.containsKey("status") && (changed.get("status") == null || changed.get("status").isBlank()
                    || parse(changed.get("status")).filter(st -> st == current.status()).isPresent())) {
                changed.remove("status");
            }
            List<String> said = new ArrayList<>();
            Instant now = clock.instant();
            Actor actor = actor(connector);
            if (lead.status() == LeadStatus.CONVERTED || lead.status() == LeadStatus.MERGED) {
                if (!changed.isEmpty()) {
                    journal.remarked(lead, ActivityType.NOTE, actor, crmName + " changed " + describe(changed) + "; " + id + " is "
                            + lead.status().inWords() + " in Leadline and stays as it is", Map.of("crm", describe(changed)), now);
                    said.add("kept " + lead.status().inWords() + " lead");
                }
                return said;
            }
            String owner = changed.get("owner");
            if (owner != null && !owner.isBlank()) {
                Optional<Rep> rep = team.repByEmail(owner.strip().toLowerCase(Locale.ROOT)).filter(Rep::active);
                Instant ours = lead.stage().assignedAt() == null ? lead.createdAt() : lead.stage().assignedAt();
                if (rep.isEmpty()) {
                    journal.remarked(lead, ActivityType.NOTE, actor, crmName + " gave " + id + " to " + owner
                            + ", who is not an active rep in Leadline; the owner stays", Map.of("owner", owner), now);
                    said.add("owner " + owner + " unknown");
                } else if (lead.ownerRepId() == null || rep.get().id() != lead.ownerRepId()) {
                    String was = lead.ownerRepId() == null ? "nobody" : team.rep(lead.ownerRepId()).map(Rep::name).orElse("rep " + lead.ownerRepId());
                    if (changedAt.isAfter(ours)) {
                        Lead after = leads.updateStage(lead, lead.stage().ownedBy(rep.get().id(), now), now);
                        journal.changed(lead, after, ActivityType.ASSIGNED, actor, "Owner changed in " + crmName + " to " + rep.get().name()
                                + " at " + changedAt + " (Leadline had " + was + " since " + ours + ")", null, now);
                        lead = after;
                        said.add("owner " + rep.get().email());
                    } else {
                        journal.remarked(lead, ActivityType.NOTE, actor, crmName + " gave " + id + " to " + rep.get().name() + " at " + changedAt
                                + "; Leadline's owner " + was + " since " + ours + " is newer and stays", Map.of("owner", owner), now);
                        said.add("owner kept (newer in Leadline)");
                    }
                }
            }
            String statusText = changed.get("status");
            if (statusText != null && !statusText.isBlank()) {
                Optional<LeadStatus> status = parse(statusText);
                if (status.isEmpty() || !SETTABLE.contains(status.get())) {
                    journal.remarked(lead, ActivityType.NOTE, actor, crmName + " set the status " + statusText
                            + ", which a CRM cannot set in Leadline; the status stays " + lead.status().inWords(), Map.of("status", statusText), now);
                    said.add("status " + statusText + " not settable");
                } else if (status.get() != lead.status()) {
                    if (changedAt.isAfter(lead.updatedAt())) {
                        LeadStatus was = lead.status();
                        Lead after = leads.updateStage(lead, lead.stage().withStatus(status.get(), "changed in " + crmName), now);
                        ActivityType type = status.get() == LeadStatus.QUALIFIED ? ActivityType.QUALIFIED
                                : status.get() == LeadStatus.DISQUALIFIED ? ActivityType.DISQUALIFIED : ActivityType.UPDATED;
                        journal.changed(lead, after, type, actor, "Status changed in " + crmName + " to " + status.get().inWords() + " at "
                                + changedAt + " (Leadline had " + was.inWords() + " since " + lead.updatedAt() + ")", null, now);
                        said.add("status " + status.get());
                    } else {
                        journal.remarked(lead, ActivityType.NOTE, actor, crmName + " set the status " + status.get().inWords() + " at " + changedAt
                                + "; Leadline's " + lead.status().inWords() + " since " + lead.updatedAt() + " is newer and stays",
                                Map.of("status", status.get().name()), now);
                        said.add("status kept (newer in Leadline)");
                    }
                }
            }
            return said;
        });
    }

    private static Optional<LeadStatus> parse(String text) {
        try {
            return Optional.of(LeadStatus.valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String describe(Map<String, String> values) {
        return values.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).sorted().reduce((a, b) -> a + ", " + b).orElse("nothing");
    }
}
