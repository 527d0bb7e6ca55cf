package dev.leadline.core.routing;

import dev.leadline.core.routing.Explanation.CandidateNote;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.QueueRouting;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A queue's members as considered for one lead: who is eligible, who is skipped and why. Reps who
 * already had the lead are skipped while anyone else is available.
 */
record Candidates(List<Rep> eligible, Map<Rep, String> skipped, Map<Long, Integer> loads, QueueRouting routing, boolean onlyHadIt) {

    static Candidates consider(LeadQueue queue, TeamService team, RoutingState state, RoutingRequest request,
                               Map<Long, Map<String, Integer>> tallies, Periods periods, QueueRouting routing) {
        List<Rep> members = queue.memberRepIds().stream().sorted().map(team::rep).flatMap(Optional::stream).toList();
        boolean needLoads = routing.strategy() == QueueRouting.Strategy.LEAST_LOADED || members.stream().anyMatch(r -> r.capacity() != null);
        Map<Long, Integer> loads = needLoads ? state.openLeads(members.stream().map(Rep::id).toList()) : Map.of();
        List<Rep> available = new ArrayList<>();
        Map<Rep, String> skipped = new LinkedHashMap<>();
        for (Rep rep : members) {
            Availability.Subject subject = new Availability.Subject(rep, request.facts().now(), loads.getOrDefault(rep.id(), 0),
                    tallies.getOrDefault(rep.id(), Map.of()), routing.caps(), periods);
            Availability.skip(subject).ifPresentOrElse(reason -> skipped.put(rep, reason), () -> available.add(rep));
        }
        List<Rep> fresh = available.stream().filter(r -> !request.hadIt().contains(r.id())).toList();
        if (fresh.isEmpty()) {
            // nobody new is available: someone who had it before may take it, but not the rep who has it now
            List<Rep> again = request.newOwnerOnly() ? List.of()
                    : available.stream().filter(r -> !Long.valueOf(r.id()).equals(request.currentOwner())).toList();
            available.stream().filter(r -> !again.contains(r)).forEach(r -> skipped.put(r,
                    Long.valueOf(r.id()).equals(request.currentOwner()) ? "has it now" : "already had this lead"));
            return new Candidates(again, skipped, loads, routing, !again.isEmpty());
        }
        available.stream().filter(r -> request.hadIt().contains(r.id())).forEach(r -> skipped.put(r, "already had this lead"));
        return new Candidates(fresh, skipped, loads, routing, false);
    }

    int load(long repId) {
        return loads.getOrDefault(repId, 0);
    }

    /** Why nobody could take it, counted by reason ("2 outside working hours, 1 capped"). */
    String summary() {
        if (skipped.isEmpty()) {
            return "the queue has no members";
        }
        return "nobody available (" + skipped.values().stream()
                .map(reason -> reason.replaceFirst(" \\(.*", "").replaceFirst(" until .*", ""))
                .collect(Collectors.groupingBy(r -> r, LinkedHashMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")";
    }

    /** As {@code %.2f} shows it, without a {@code Formatter} for each of a large queue's members. */
    static String twoPlaces(double value) {
        return java.math.BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    List<CandidateNote> notes(Map<Long, FairShare.Tags> tags, long chosen) {
        List<CandidateNote> notes = new ArrayList<>();
        for (Rep rep : eligible) {
            FairShare.Tags t = tags.get(rep.id());
            String share = t == null ? "" : "weight " + routing.weight(rep.id()) + ", turn at " + twoPlaces(t.start());
            String load = loads.containsKey(rep.id()) ? (share.isEmpty() ? "" : ", ") + load(rep.id()) + (load(rep.id()) == 1 ? " open lead" : " open leads") : "";
            notes.add(new CandidateNote(rep.id(), rep.name(), rep.id() == chosen ? "chosen" : "eligible",
                    onlyHadIt ? "had it before, but nobody else is available" : null, share + load, routing.weight(rep.id())));
        }
        skipped.forEach((rep, reason) -> notes.add(new CandidateNote(rep.id(), rep.name(), "skipped", reason, null,
                routing.weight(rep.id()))));
        return notes;
    }
}
