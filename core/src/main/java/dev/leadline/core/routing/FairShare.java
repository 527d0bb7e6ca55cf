package dev.leadline.core.routing;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Fair shares by a virtual clock (start-time fair queuing). Each lead a member takes moves their
 * finish tag on by {@code 100 / weight}; a member's next lead would start at their finish tag, and
 * the next lead goes to the candidate whose start is earliest (ties: the larger weight, then whoever
 * waited longest). The queue's clock is the start tag of the last lead handed out, and nobody starts behind
 * it: a rep who was away, paused or capped comes back level with the others instead of being owed a
 * burst of leads, and a rep who joins starts level too. Over any stretch in which the same reps are
 * available, their shares follow their weights to within one lead.
 */
public final class FairShare {
    private FairShare() {}

    /** A member's place: the finish tag of their last lead and when they got it. */
    public record Member(double pass, Instant lastAssignedAt) {
        public static final Member NEW = new Member(0, null);
    }

    /** A queue's clock and its members' places. */
    public record State(double clock, Map<Long, Member> members) {
        public static final State START = new State(0, Map.of());

        public State {
            members = Map.copyOf(members);
        }

        public Member member(long repId) {
            return members.getOrDefault(repId, Member.NEW);
        }
    }

    /** A candidate and their weight. */
    public record Candidate(long repId, int weight) {}

    /** A candidate's tags for the next lead. */
    public record Tags(long repId, double start, double finish, Instant lastAssignedAt) {}

    /** The winner and what the queue's state becomes. */
    public record Pick(long repId, List<Tags> tags, double clock, Member member) {}

    public static List<Tags> tags(State state, List<Candidate> candidates) {
        return candidates.stream().map(c -> {
            Member m = state.member(c.repId());
            double start = Math.max(state.clock(), m.pass());
            return new Tags(c.repId(), start, start + 100.0 / c.weight(), m.lastAssignedAt());
        }).toList();
    }

    /** Picks the candidate with the earliest start tag; ties go to the earlier finish, whoever waited longest, then the lowest id. */
    public static Pick pick(State state, List<Candidate> candidates, Instant at) {
        List<Tags> tags = tags(state, candidates);
        Tags best = tags.stream().min(ORDER).orElseThrow(() -> new IllegalArgumentException("no candidates"));
        return new Pick(best.repId(), tags, Math.max(state.clock(), best.start()), new Member(best.finish(), at));
    }

    static final Comparator<Tags> ORDER = Comparator.comparingDouble(Tags::start).thenComparingDouble(Tags::finish)
            .thenComparing(Tags::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(Tags::repId);
}
