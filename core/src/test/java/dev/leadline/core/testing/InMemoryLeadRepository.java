package dev.leadline.core.testing;

import dev.leadline.core.common.ConcurrentUpdateException;
import dev.leadline.core.common.Page;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadCursor;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStage;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.lead.NewLead;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An honest in-memory lead store for core tests. */
public final class InMemoryLeadRepository implements LeadRepository {
    private final TreeMap<Long, Lead> leads = new TreeMap<>();
    private final Map<String, Long> intakeKeys = new HashMap<>();
    private long nextId = 1001;

    @Override
    public synchronized Lead insert(NewLead lead) {
        if (lead.intakeKey() != null && intakeKeys.containsKey(lead.intakeKey())) {
            throw new IllegalStateException("duplicate intake key " + lead.intakeKey());
        }
        Instant at = lead.createdAt().truncatedTo(ChronoUnit.MICROS);
        LeadStage stage = lead.queueId() == null ? LeadStage.fresh() : LeadStage.fresh().offeredTo(lead.queueId(), at);
        Lead stored = new Lead(new LeadId(nextId++), lead.data(), stage, null, Map.of(), at, at, 0);
        leads.put(stored.id().value(), stored);
        if (lead.intakeKey() != null) {
            intakeKeys.put(lead.intakeKey(), stored.id().value());
        }
        return stored;
    }

    @Override
    public synchronized List<Lead> insertAll(List<NewLead> newLeads) {
        return newLeads.stream().map(this::insert).toList();
    }

    @Override
    public synchronized Optional<Lead> find(LeadId id) {
        return Optional.ofNullable(leads.get(id.value()));
    }

    /** No rows to lock here: every call is synchronized. */
    @Override
    public Optional<Lead> findForUpdate(LeadId id) {
        return find(id);
    }

    @Override
    public synchronized List<Lead> findAll(java.util.Collection<LeadId> ids) {
        return ids.stream().map(id -> leads.get(id.value())).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public synchronized Page<Lead> list(LeadQuery query) {
        List<Lead> matching = leads.descendingMap().values().stream()
                .filter(l -> matches(l, query))
                .filter(l -> query.after().map(c -> l.id().value() < c.lastId()).orElse(true))
                .limit(query.limit() + 1L)
                .toList();
        if (matching.size() <= query.limit()) {
            return new Page<>(matching, Optional.empty());
        }
        List<Lead> page = matching.subList(0, query.limit());
        return new Page<>(page, Optional.of(new LeadCursor(page.get(page.size() - 1).id().value()).encode()));
    }

    @Override
    public synchronized long count(LeadQuery query) {
        return leads.values().stream().filter(l -> matches(l, query)).count();
    }

    /** The views this fake can judge from the lead alone; timeline- and schedule-based views need MariaDB. */
    private static boolean matches(Lead l, LeadQuery query) {
        if (!query.filters().isEmpty() || query.sort().field().isPresent() || query.flagged().isPresent()) {
            throw new UnsupportedOperationException("the in-memory fake has no custom view filters, sorts or flags; test them on MariaDB");
        }
        boolean inView = switch (query.view()) {
            case ALL -> true;
            case NEW -> l.status() == LeadStatus.NEW && l.ownerRepId() == null;
            case MINE -> l.ownerRepId() != null;
            case QUEUE -> l.ownerRepId() == null && l.queueId() != null && l.stage().isOpen();
            case NOT_CONTACTED -> l.status() == LeadStatus.NEW && l.ownerRepId() != null && l.stage().firstTouchedAt() == null;
            case ATTEMPTED -> l.status() == LeadStatus.ATTEMPTED;
            case ENGAGED -> l.status() == LeadStatus.ENGAGED;
            case DISQUALIFIED -> l.status() == LeadStatus.DISQUALIFIED;
            case NO_ACTIVITY -> l.stage().isOpen() && l.status() != LeadStatus.CONVERTED && l.stage().firstTouchedAt() == null;
            default -> throw new UnsupportedOperationException("the in-memory fake cannot judge view " + query.view());
        };
        return inView
                && query.ownerRepId().map(o -> o.equals(l.ownerRepId())).orElse(true)
                && query.queueId().map(q -> q.equals(l.queueId())).orElse(true)
                && query.status().map(s -> s == l.status()).orElse(l.status() != LeadStatus.MERGED)
                && query.text().map(t -> matchesText(l, t)).orElse(true);
    }

    private static boolean matchesText(Lead lead, String text) {
        String prefix = text.strip().toLowerCase(Locale.ROOT);
        return java.util.stream.Stream.of(lead.data().emailKey(), lead.data().getOrNull(dev.leadline.core.lead.LeadField.LAST_NAME),
                        lead.data().getOrNull(dev.leadline.core.lead.LeadField.FIRST_NAME),
                        lead.data().getOrNull(dev.leadline.core.lead.LeadField.COMPANY))
                .anyMatch(v -> v != null && v.toLowerCase(Locale.ROOT).startsWith(prefix));
    }

    @Override
    public synchronized Map<String, Lead> findByIntakeKeys(Collection<String> keys) {
        Map<String, Lead> found = new HashMap<>();
        keys.forEach(k -> Optional.ofNullable(intakeKeys.get(k)).ifPresent(id -> found.put(k, leads.get(id))));
        return found;
    }

    @Override
    public synchronized Map<String, LeadId> findByEmailKeys(Collection<String> emailKeys) {
        Map<String, LeadId> found = new HashMap<>();
        leads.values().stream().sorted(Comparator.comparingLong(l -> l.id().value()))
                .filter(l -> l.data().emailKey() != null && emailKeys.contains(l.data().emailKey()))
                .forEach(l -> found.putIfAbsent(l.data().emailKey(), l.id()));
        return found;
    }

    @Override
    public synchronized Lead updateData(Lead lead, LeadData data, Instant at) {
        Lead current = leads.get(lead.id().value());
        if (current == null || current.version() != lead.version()) {
            throw new ConcurrentUpdateException("lead", lead.id(), lead.version());
        }
        Lead updated = new Lead(current.id(), data, current.stage(), current.score(),
                current.enrichment(), current.createdAt(), at.truncatedTo(ChronoUnit.MICROS), current.version() + 1);
        leads.put(updated.id().value(), updated);
        return updated;
    }

    @Override
    public synchronized Lead updateStage(Lead lead, LeadStage stage, Instant at) {
        Lead current = leads.get(lead.id().value());
        if (current == null || current.version() != lead.version()) {
            throw new ConcurrentUpdateException("lead", lead.id(), lead.version());
        }
        LeadStage stored = new LeadStage(stage.status(), stage.statusReason(), stage.queueId(), stage.ownerRepId(),
                micros(stage.offeredAt()), micros(stage.claimedAt()), micros(stage.firstTouchedAt()), micros(stage.assignedAt()));
        Lead updated = new Lead(current.id(), current.data(), stored, current.score(), current.enrichment(), current.createdAt(),
                at.truncatedTo(ChronoUnit.MICROS), current.version() + 1);
        leads.put(updated.id().value(), updated);
        return updated;
    }

    @Override
    public synchronized List<Lead> updateStages(List<Lead> leads, List<LeadStage> stages, Instant at) {
        for (Lead lead : leads) {
            Lead current = this.leads.get(lead.id().value());
            if (current == null || current.version() != lead.version()) {
                throw new ConcurrentUpdateException("lead", lead.id(), lead.version());
            }
        }
        return LeadRepository.super.updateStages(leads, stages, at);
    }

    @Override
    public synchronized boolean claim(LeadId id, long queueId, long repId, Instant at) {
        Lead current = leads.get(id.value());
        if (current == null || current.ownerRepId() != null || current.queueId() == null || current.queueId() != queueId) {
            return false;
        }
        updateStage(current, current.stage().claimedBy(repId, at), at);
        return true;
    }

    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public synchronized long count() {
        return leads.size();
    }
}
