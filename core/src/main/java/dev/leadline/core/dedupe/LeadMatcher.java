package dev.leadline.core.dedupe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Whether two leads are the same person: the same mailbox; the same identifier (when no other
 * identifier of theirs differs); or, weighing every field both have (Fellegi-Sunter style), enough of
 * the evidence agreeing. Names are compared on canonical first names and surnames in the order that
 * fits (sources swap them), strings by Jaro-Winkler, codes by edit distance; agreement adds a field's
 * weight, a near miss half of it, a disagreement takes half away. The score is the sum over the weight
 * compared.
 */
public final class LeadMatcher {
    /** At or above this share of the compared evidence, a pair counts as a duplicate. */
    public static final double THRESHOLD = 0.4;
    /**
     * How much each field's agreement says (a surname or birth date shared by strangers is rarer than a
     * shared city); a disagreement takes half its weight away, since sources mistype and drop values.
     */
    private static final java.util.Map<String, Double> WEIGHTS = java.util.Map.of("firstName", 2.0, "lastName", 3.0, "company", 2.0,
            "domain", 2.0, "phone", 4.0, "street", 3.0, "postcode", 2.0, "city", 1.5, "birthDate", 4.0);
    /** The highest score evidence can reach without the same mailbox. */
    public static final double MOST_BY_EVIDENCE = 0.99;
    /** Two mailboxes at one domain: strong evidence either way. */
    private static final double EMAIL_WEIGHT = 4.0;
    /**
     * Something about the person must agree, not only about where they work: a name, or a birth date
     * or phone of their own (or an identifier). Colleagues share a company, a domain and an address.
     */
    private static final java.util.Set<String> PERSONAL = java.util.Set.of("firstName", "lastName", "birthDate", "phone");
    /**
     * An identifier that differs weighs against a match as much as the strongest fields, a birth date or
     * a phone: sources mistype and mix up identifiers too (one equal identifier decides on its own).
     */
    private static final double IDENTIFIER_WEIGHT = 4.0;
    /** Pairs with less evidence than this (in weight) are not judged: a name alone is not enough. */
    private static final double MIN_EVIDENCE = 7.0;
    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    private static final LevenshteinDistance EDITS = new LevenshteinDistance(2);

    /** A duplicate: its score (0 to 1) and the fields that matched. */
    public record Match(double score, List<String> matched) {}

    public Optional<Match> compare(MatchProfile a, MatchProfile b) {
        if (!a.email().isEmpty() && a.email().equals(b.email())) {
            return Optional.of(new Match(1.0, List.of("email")));
        }
        boolean swapped = pair(a.firstName(), b.lastName(), a.lastName(), b.firstName()) > pair(a.firstName(), b.firstName(), a.lastName(),
                b.lastName());
        String[][] fields = {
            {"firstName", a.firstName(), swapped ? b.lastName() : b.firstName()},
            {"lastName", a.lastName(), swapped ? b.firstName() : b.lastName()},
            {"company", a.company(), b.company()}, {"domain", a.domain(), b.domain()}, {"phone", a.phone(), b.phone()},
            {"street", a.street(), b.street()}, {"postcode", a.postcode(), b.postcode()}, {"city", a.city(), b.city()},
            {"birthDate", a.birthDate(), b.birthDate()}};
        Evidence evidence = new Evidence();
        if (sameDomainOtherMailbox(a.email(), b.email())) {
            // one organisation gives one person one mailbox: two different ones there are two people, unless one is a typo of the other
            evidence.weigh(null, EMAIL_WEIGHT, mistyped(a.email(), b.email()) ? 0.5 : 0, 1);
        }
        a.identifiers().forEach((field, x) -> {
            String y = b.identifiers().get(field);
            if (y != null) {
                evidence.identifier(field, x, y);
            }
        });
        for (String[] f : fields) {
            if (!f[1].isEmpty() && !f[2].isEmpty()) {
                evidence.weigh(f[0], WEIGHTS.get(f[0]), agreement(f[0], f[1], f[2]), 0.5);
            }
        }
        if (evidence.identified()) {
            return Optional.of(new Match(MOST_BY_EVIDENCE, List.copyOf(evidence.matched)));
        }
        if (evidence.possible < MIN_EVIDENCE || !evidence.personal) {
            return Optional.empty();
        }
        // 1 is kept for the same mailbox: weighed evidence, however strong, leaves room for doubt (and for rules that act only on certainty)
        double score = Math.min(MOST_BY_EVIDENCE, Math.max(0, evidence.total / evidence.possible));
        return score >= THRESHOLD ? Optional.of(new Match(score, List.copyOf(evidence.matched))) : Optional.empty();
    }

    /**
     * The evidence of one pair, field by field: agreement adds a field's weight, a near miss half of
     * it, a disagreement takes its share ({@code against}) of it away.
     */
    private static final class Evidence {
        private double total;
        private double possible;
        private boolean personal;
        private final List<String> matched = new ArrayList<>();
        private int identifiersEqual;
        private int identifiersDifferent;

        void weigh(String field, double weight, double agreement, double against) {
            possible += weight;
            total += agreement >= 1 ? weight : agreement > 0 ? weight / 2 : -weight * against;
            if (agreement > 0 && field != null) {
                matched.add(field);
                personal |= PERSONAL.contains(field);
            }
        }

        /** An identifier both have: the same value names one person; another counts against, one typo (or swap) away for. */
        void identifier(String field, String x, String y) {
            double agreement = x.equals(y) ? 1 : EDITS.apply(x, y) == 1 || transposed(x, y) ? 0.5 : 0;
            identifiersEqual += agreement >= 1 ? 1 : 0;
            identifiersDifferent += agreement == 0 ? 1 : 0;
            weigh(field, IDENTIFIER_WEIGHT, agreement, 0.5);
            personal |= agreement > 0;
        }

        /** An identifier agrees and none disagrees: the same person, whatever else differs. */
        boolean identified() {
            return identifiersEqual > 0 && identifiersDifferent == 0;
        }
    }

    /** The same characters but two neighbours swapped: {@code 1234} and {@code 1324}. */
    private static boolean transposed(String x, String y) {
        if (x.length() != y.length()) {
            return false;
        }
        int first = 0;
        while (first < x.length() && x.charAt(first) == y.charAt(first)) {
            first++;
        }
        return first + 1 < x.length() && x.charAt(first) == y.charAt(first + 1) && x.charAt(first + 1) == y.charAt(first)
                && x.substring(first + 2).equals(y.substring(first + 2));
    }

    /** One letter apart with the same digits: {@code jhon.doe} for {@code john.doe}; but {@code row10} and {@code row100} are two mailboxes. */
    private static boolean mistyped(String x, String y) {
        return EDITS.apply(x, y) == 1 && MatchKeys.phoneDigits(x).equals(MatchKeys.phoneDigits(y));
    }

    private static boolean sameDomainOtherMailbox(String x, String y) {
        if (x.isEmpty() || y.isEmpty() || x.equals(y)) {
            return false;
        }
        String dx = x.substring(x.indexOf('@') + 1);
        return dx.equals(y.substring(y.indexOf('@') + 1)) && !dx.equals("gmail.com");
    }

    /** 1 for agreement, 0.5 for near agreement (a typo), 0 for disagreement. */
    private static double agreement(String field, String x, String y) {
        if (x.equals(y)) {
            return 1;
        }
        switch (field) {
            case "phone":
            case "domain":
                return 0;
            case "postcode":
            case "birthDate":
                return EDITS.apply(x, y) == 1 ? 0.5 : 0;
            default:
                double similarity = JW.apply(x, y);
                return similarity >= 0.93 ? 1 : similarity >= 0.85 ? 0.5 : 0;
        }
    }

    /** The names' similarity, in the order that fits best (sources swap first and last names). */
    static double names(MatchProfile a, MatchProfile b) {
        if (a.lastName().isEmpty() || b.lastName().isEmpty()) {
            return 0;
        }
        double straight = pair(a.firstName(), b.firstName(), a.lastName(), b.lastName());
        double swapped = pair(a.firstName(), b.lastName(), a.lastName(), b.firstName());
        return Math.max(straight, swapped);
    }

    private static double pair(String f1, String f2, String l1, String l2) {
        if (l1.isEmpty() || l2.isEmpty()) {
            return 0;
        }
        double last = JW.apply(l1, l2);
        if (f1.isEmpty() || f2.isEmpty()) {
            return last * 0.95; // one side lacks a first name: the surname alone, a little less sure
        }
        return (JW.apply(f1, f2) + last) / 2;
    }
}
