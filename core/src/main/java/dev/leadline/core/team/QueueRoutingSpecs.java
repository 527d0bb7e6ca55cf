package dev.leadline.core.team;

import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.ValidationException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads a queue's routing as configuration writes it, naming every problem by where it stands. */
final class QueueRoutingSpecs {
    private QueueRoutingSpecs() {}

    static QueueRouting read(QueueSpec spec, String where, LeadQueue queue, RepRepository reps, QueueRepository queues,
                             List<FieldError> problems) {
        QueueRouting.Strategy strategy = QueueRouting.Strategy.CLAIM_FIRST;
        if (spec.strategy() != null) {
            try {
                strategy = QueueRouting.Strategy.parse(spec.strategy(), where + ".strategy");
            } catch (ValidationException e) {
                problems.addAll(e.errors());
            }
        }
        Map<Long, Integer> weights = new HashMap<>();
        spec.weights().forEach((email, weight) -> {
            Optional<Rep> rep = reps.findByEmail(email.strip().toLowerCase(Locale.ROOT));
            if (rep.isEmpty() || !queue.memberRepIds().contains(rep.get().id())) {
                problems.add(new FieldError(where + ".weights." + email, "is not a member of " + queue.name()));
            } else if (weight == null || weight < 1 || weight > 10_000) {
                problems.add(new FieldError(where + ".weights." + email, "must be a whole number from 1 to 10000"));
            } else {
                weights.put(rep.get().id(), weight);
            }
        });
        return new QueueRouting(strategy, weights, caps(spec.caps(), where + ".caps", problems),
                fallback(spec.fallback(), where + ".fallback", queue, reps, queues, problems));
    }

    private static QueueRouting.Caps caps(QueueSpec.CapsSpec spec, String where, List<FieldError> problems) {
        if (spec == null) {
            return QueueRouting.Caps.NONE;
        }
        ZoneId zone = ZoneOffset.UTC;
        if (spec.timeZone() != null) {
            try {
                zone = ZoneId.of(spec.timeZone());
            } catch (DateTimeException e) {
                problems.add(new FieldError(where + ".timeZone", "'" + spec.timeZone() + "' is not a time zone (e.g. Europe/Berlin)"));
            }
        }
        QueueSpec.Limits rep = spec.perRep() == null ? new QueueSpec.Limits(null, null, null) : spec.perRep();
        QueueSpec.Limits total = spec.total() == null ? new QueueSpec.Limits(null, null, null) : spec.total();
        return new QueueRouting.Caps(limit(rep.day(), where + ".perRep.day", problems), limit(rep.week(), where + ".perRep.week", problems),
                limit(rep.month(), where + ".perRep.month", problems), limit(total.day(), where + ".total.day", problems),
                limit(total.week(), where + ".total.week", problems), limit(total.month(), where + ".total.month", problems), zone);
    }

    private static Integer limit(Integer value, String where, List<FieldError> problems) {
        if (value != null && value < 0) {
            problems.add(new FieldError(where, "must not be negative"));
        }
        return value;
    }

    private static QueueRouting.Fallback fallback(QueueSpec.FallbackSpec spec, String where, LeadQueue queue, RepRepository reps,
                                                  QueueRepository queues, List<FieldError> problems) {
        if (spec == null) {
            return new QueueRouting.Fallback.Hold();
        }
        int given = (spec.queue() == null ? 0 : 1) + (spec.rep() == null ? 0 : 1) + (Boolean.TRUE.equals(spec.hold()) ? 1 : 0);
        if (given != 1) {
            problems.add(new FieldError(where, "name one of queue, rep or hold: true"));
            return new QueueRouting.Fallback.Hold();
        }
        if (spec.queue() != null) {
            Optional<LeadQueue> other = queues.findByName(spec.queue().strip());
            if (other.isEmpty() || other.get().id() == queue.id()) {
                problems.add(new FieldError(where + ".queue", other.isEmpty() ? "no queue named '" + spec.queue() + "'" : "cannot be the queue itself"));
                return new QueueRouting.Fallback.Hold();
            }
            return new QueueRouting.Fallback.ToQueue(other.get().id());
        }
        if (spec.rep() != null) {
            return reps.findByEmail(spec.rep().strip().toLowerCase(Locale.ROOT))
                    .<QueueRouting.Fallback>map(r -> new QueueRouting.Fallback.ToRep(r.id()))
                    .orElseGet(() -> {
                        problems.add(new FieldError(where + ".rep", "no rep with email " + spec.rep()));
                        return new QueueRouting.Fallback.Hold();
                    });
        }
        return new QueueRouting.Fallback.Hold();
    }

    static Map<String, String> describe(QueueRouting routing) {
        Map<String, String> values = new TreeMap<>();
        values.put("strategy", routing.strategy().label());
        values.put("weights", new TreeMap<>(routing.weights()).toString());
        values.put("caps", routing.caps().toString());
        values.put("fallback", routing.fallback().toString());
        return values;
    }
}
