package dev.leadline.core.lead;

import dev.leadline.core.common.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where leads are kept. Calls join the caller's transaction when there is one. */
public interface LeadRepository {

    Lead insert(NewLead lead);

    /** Stores many leads at once; the result is in the same order as the input. */
    List<Lead> insertAll(List<NewLead> leads);

    /**
     * Stores leads that are merged at once into others (a duplicate rule's merge at import), {@code
     * leads.get(i)} into {@code into.get(i)}: as tombstones from the start (status {@code MERGED}, the
     * survivor's id as reason) and without the keys duplicate checks find leads by.
     */
    default List<Lead> insertAllMerged(List<NewLead> leads, List<LeadId> into) {
        List<Lead> stored = insertAll(leads);
        List<LeadStage> tombs = new java.util.ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            tombs.add(stored.get(i).stage().mergedInto(into.get(i)));
        }
        return updateStages(stored, tombs, stored.isEmpty() ? Instant.EPOCH : stored.get(0).createdAt());
    }

    Optional<Lead> find(LeadId id);

    /**
     * The lead, its row locked until the caller's transaction ends: read a lead this way to change it,
     * so that changes to one lead wait for each other instead of finding it changed, and so that a
     * transaction locks its lead before any row that refers to it.
     */
    Optional<Lead> findForUpdate(LeadId id);

    /** The stored leads among these ids, in no particular order (one query, not one per lead). */
    List<Lead> findAll(Collection<LeadId> ids);

    Page<Lead> list(LeadQuery query);

    /** The stored leads that carry any of these intake keys, by key. */
    Map<String, Lead> findByIntakeKeys(Collection<String> intakeKeys);

    /** For each of these lower-cased emails that a stored lead has, the oldest such lead. */
    Map<String, LeadId> findByEmailKeys(Collection<String> emailKeys);

    /**
     * Replaces the lead's data if it is still at {@code lead.version()}.
     *
     * @throws dev.leadline.core.common.ConcurrentUpdateException if someone changed it meanwhile
     */
    Lead updateData(Lead lead, LeadData data, Instant at);

    /**
     * Replaces many leads' data at once ({@code data.get(i)} for {@code leads.get(i)}), each only if it
     * is still at its version; the leads as they are now, in order.
     *
     * @throws dev.leadline.core.common.ConcurrentUpdateException if someone changed any of them meanwhile (none is changed)
     */
    default List<Lead> updateAllData(List<Lead> leads, List<LeadData> data, Instant at) {
        List<Lead> updated = new java.util.ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            updated.add(updateData(leads.get(i), data.get(i), at));
        }
        return updated;
    }

    /**
     * Replaces the lead's stage (status, queue, owner, times) if it is still at {@code lead.version()}.
     *
     * @throws dev.leadline.core.common.ConcurrentUpdateException if someone changed it meanwhile
     */
    Lead updateStage(Lead lead, LeadStage stage, Instant at);

    /**
     * Replaces many leads' stages at once (each {@code stages.get(i)} for {@code leads.get(i)}), each
     * only if it is still at its version; the leads as they are now, in order.
     *
     * @throws dev.leadline.core.common.ConcurrentUpdateException if someone changed any of them meanwhile (none is changed)
     */
    default List<Lead> updateStages(List<Lead> leads, List<LeadStage> stages, Instant at) {
        List<Lead> updated = new java.util.ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            updated.add(updateStage(leads.get(i), stages.get(i), at));
        }
        return updated;
    }

    /**
     * Makes the rep the owner if the lead is still offered to that queue and owned by no one, in one
     * atomic step: of many concurrent claims on any number of servers, exactly one returns true.
     */
    boolean claim(LeadId id, long queueId, long repId, Instant at);

    long count();

    /** How many leads the query's view and filters select (ignoring limit and cursor). */
    long count(LeadQuery query);

    /**
     * The query's view for everyone (its own owner set aside), narrowed to each of these owners' leads:
     * owner → count, zero left out. For the overdue and no-upcoming views that counts the tasks and
     * meetings on the owner's leads whoever planned them, where a rep's own view counts theirs; this
     * default counts the rep's own view.
     */
    default java.util.Map<Long, Long> countByOwner(LeadQuery query, java.util.Collection<Long> owners) {
        java.util.Map<Long, Long> counts = new java.util.HashMap<>();
        for (long owner : owners) {
            long n = count(query.withOwner(java.util.Optional.of(owner)));
            if (n > 0) {
                counts.put(owner, n);
            }
        }
        return counts;
    }
}
