package dev.leadline.core.dedupe;

import dev.leadline.core.lead.LeadId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Look-alikes that a person has already told apart. When a new lead looks like two leads that someone
 * dismissed as not the same person, it can be at most one of them: the better match stays (the higher
 * score, then more fields agreeing), the other is left out, so the dismissed pair does not come back
 * through a newcomer.
 */
final class Dismissals {
    private Dismissals() {}

    /** Each lead's look-alikes (best first) without those dismissed against a better one; one lookup for all. */
    static List<List<DuplicateService.Duplicate>> withoutDismissed(List<List<DuplicateService.Duplicate>> alike,
                                                                   Function<Collection<LeadId>, Set<LeadPair>> dismissed) {
        Set<LeadId> ids = alike.stream().filter(found -> found.size() > 1).flatMap(List::stream).map(d -> d.lead().id())
                .collect(Collectors.toSet());
        Set<LeadPair> pairs = ids.isEmpty() ? Set.of() : dismissed.apply(ids);
        return pairs.isEmpty() ? alike : alike.stream().map(found -> kept(found, pairs)).toList();
    }

    /** Weighed evidence tops out below 1, so between two equal scores the one that agrees on more fields is the better match. */
    private static List<DuplicateService.Duplicate> kept(List<DuplicateService.Duplicate> found, Set<LeadPair> dismissed) {
        List<DuplicateService.Duplicate> byStrength = new ArrayList<>(found);
        byStrength.sort(Comparator.comparingDouble(DuplicateService.Duplicate::score).thenComparingInt(d -> d.matched().size()).reversed());
        List<DuplicateService.Duplicate> kept = new ArrayList<>();
        for (DuplicateService.Duplicate d : byStrength) {
            if (kept.stream().noneMatch(k -> dismissed.contains(LeadPair.of(k.lead().id(), d.lead().id())))) {
                kept.add(d);
            }
        }
        return found.stream().filter(kept::contains).toList();
    }
}
