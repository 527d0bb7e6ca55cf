package dev.leadline.core.sla;

import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Speed to lead: how long leads waited to be claimed (offered → claimed) and to be first touched
 * (created → first contact, meeting or decision), as medians and 90th percentiles per rep, queue
 * or source.
 */
public final class SpeedToLeadReport {
    private final SpeedSamples samples;
    private final TeamService team;

    public SpeedToLeadReport(SpeedSamples samples, TeamService team) {
        this.samples = samples;
        this.team = team;
    }

    /** Grouping of the report. */
    public enum By {
        REP, QUEUE, SOURCE;

        public static By parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("by", "must be rep, queue or source");
            }
        }
    }

    /** One group's numbers; durations are empty when no lead in the group got that far. */
    public record Row(String group, int leads, int claimed, int touched, Optional<Duration> medianToClaim,
                      Optional<Duration> p90ToClaim, Optional<Duration> medianToFirstTouch, Optional<Duration> p90ToFirstTouch) {}

    public List<Row> report(Instant from, Instant to, By by) {
        if (!from.isBefore(to)) {
            throw new ValidationException("from", "must be before 'to'");
        }
        Function<SpeedSample, String> group = switch (by) {
            case REP -> s -> s.ownerRepId() == null ? "(unowned)" : team.rep(s.ownerRepId()).map(Rep::name).orElse("rep " + s.ownerRepId());
            case QUEUE -> s -> s.queueId() == null ? "(no queue)" : team.queue(s.queueId()).map(LeadQueue::name).orElse("queue " + s.queueId());
            case SOURCE -> s -> s.source() == null ? "(unknown)" : s.source();
        };
        Map<String, List<SpeedSample>> groups = new TreeMap<>();
        for (SpeedSample sample : samples.createdBetween(from, to)) {
            groups.computeIfAbsent(group.apply(sample), k -> new ArrayList<>()).add(sample);
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((name, list) -> {
            List<Duration> toClaim = list.stream().filter(s -> s.offeredAt() != null && s.claimedAt() != null)
                    .map(s -> Duration.between(s.offeredAt(), s.claimedAt())).sorted().toList();
            List<Duration> toTouch = list.stream().filter(s -> s.firstTouchedAt() != null)
                    .map(s -> Duration.between(s.createdAt(), s.firstTouchedAt())).sorted().toList();
            rows.add(new Row(name, list.size(), toClaim.size(), toTouch.size(), percentile(toClaim, 50), percentile(toClaim, 90),
                    percentile(toTouch, 50), percentile(toTouch, 90)));
        });
        return rows;
    }

    /** Nearest-rank percentile of sorted durations. */
    static Optional<Duration> percentile(List<Duration> sorted, int p) {
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return Optional.of(sorted.get(Math.max(0, rank - 1)));
    }
}
