package dev.leadline.core.routing;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a rule entry asks of a lead: conditions on its fields, combined with all, any and not.
 * Each says in words what it checked, so a decision can be explained.
 */
public sealed interface Criterion {
    /** Matches every lead (an entry without {@code when}). */
    Criterion ALWAYS = new All(List.of());

    boolean matches(RoutingFacts facts);

    /** Adds, for each condition this holds, what the lead had and whether it passed. */
    void explain(RoutingFacts facts, List<String> out);

    record All(List<Criterion> parts) implements Criterion {
        public All {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean matches(RoutingFacts facts) {
            for (Criterion part : parts) {
                if (!part.matches(facts)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void explain(RoutingFacts facts, List<String> out) {
            if (parts.isEmpty()) {
                out.add("matches every lead");
            }
            parts.forEach(p -> p.explain(facts, out));
        }
    }

    record Any(List<Criterion> parts) implements Criterion {
        public Any {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean matches(RoutingFacts facts) {
            for (Criterion part : parts) {
                if (part.matches(facts)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void explain(RoutingFacts facts, List<String> out) {
            parts.stream().filter(p -> p.matches(facts)).findFirst().ifPresentOrElse(p -> p.explain(facts, out),
                    () -> out.add("none of " + parts.size() + " alternatives"));
        }
    }

    record Not(Criterion part) implements Criterion {
        @Override
        public boolean matches(RoutingFacts facts) {
            return !part.matches(facts);
        }

        @Override
        public void explain(RoutingFacts facts, List<String> out) {
            List<String> inner = new java.util.ArrayList<>();
            part.explain(facts, inner);
            out.add("not (" + inner.stream().collect(Collectors.joining("; ")) + ")");
        }
    }

    /** One field compared by one operator. */
    record Condition(String field, Condition.Op op, List<String> values, ValueTest test) implements Criterion {
        /** The comparisons a condition can make. */
        public enum Op {
            EQ, NE, IN, CONTAINS, STARTS_WITH, REGEX, GT, GE, LT, LE, BETWEEN, EMPTY, NOT_EMPTY, COUNTRY, POSTCODE;

            public String label() {
                return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            }
        }

        /** The compiled comparison: the lead's value (null when it has none) passes or not. */
        @FunctionalInterface
        public interface ValueTest {
            boolean test(String value, RoutingFacts facts);
        }

        public Condition {
            values = List.copyOf(values);
        }

        @Override
        public boolean matches(RoutingFacts facts) {
            return test.test(facts.get(field).orElse(null), facts);
        }

        @Override
        public void explain(RoutingFacts facts, List<String> out) {
            String had = facts.get(field).map(v -> "'" + v + "'").orElse("empty");
            String wanted = values.isEmpty() ? "" : " " + String.join(op == Op.BETWEEN ? " and " : ", ", values);
            out.add(field + " " + op.label() + wanted + ": " + had + (matches(facts) ? " ✓" : " ✗"));
        }
    }
}
