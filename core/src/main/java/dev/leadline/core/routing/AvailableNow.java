package dev.leadline.core.routing;

import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.QueueRouting;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who could take a lead now, by the very checks routing skips members with: for each rep the checks
 * that hold in every queue (inactive, paused, out of office, outside working hours, at capacity), and
 * for each queue its members with their weight and the queue's caps counted too.
 *
 * @param reps     by rep id: why the rep would be skipped now, empty when available
 * @param openLeads by rep id: the open leads each rep owns
 * @param queues   by queue id: the queue's own cap reached, empty when it is not
 * @param members  by queue id: each member (by rep id, in id order) and why routing would skip them now
 */
public record AvailableNow(Map<Long, Optional<String>> reps, Map<Long, Integer> openLeads, Map<Long, Optional<String>> queues,
                           Map<Long, List<Member>> members) {
    /** A queue member: their weight in the queue's turns and why routing would skip them now (empty: available). */
    public record Member(long repId, int weight, Optional<String> skipped) {}

    static AvailableNow read(TeamService team, RoutingState state, Instant now) {
        List<Rep> all = team.reps();
        Map<Long, Integer> loads = state.openLeads(all.stream().map(Rep::id).toList());
        Map<Long, Optional<String>> reps = new LinkedHashMap<>();
        Periods utc = Periods.of(now, ZoneOffset.UTC);
        for (Rep rep : all) {
            reps.put(rep.id(), Availability.skip(new Availability.Subject(rep, now, loads.getOrDefault(rep.id(), 0), Map.of(),
                    QueueRouting.Caps.NONE, utc)));
        }
        Map<Long, Optional<String>> queues = new LinkedHashMap<>();
        Map<Long, List<Member>> members = new LinkedHashMap<>();
        for (LeadQueue queue : team.queues()) {
            QueueRouting routing = queue.routing();
            Periods periods = Periods.of(now, routing.caps().zone());
            Map<Long, Map<String, Integer>> tallies = routing.caps().any() ? state.tallies(queue.id(), periods.all()) : Map.of();
            queues.put(queue.id(), Availability.queueCapped(tallies.getOrDefault(0L, Map.of()), routing.caps(), periods));
            members.put(queue.id(), queue.memberRepIds().stream().sorted().map(team::rep).flatMap(Optional::stream)
                    .map(rep -> new Member(rep.id(), routing.weight(rep.id()), Availability.skip(new Availability.Subject(rep, now,
                            loads.getOrDefault(rep.id(), 0), tallies.getOrDefault(rep.id(), Map.of()), routing.caps(), periods))))
                    .toList());
        }
        return new AvailableNow(reps, loads, queues, members);
    }
}
