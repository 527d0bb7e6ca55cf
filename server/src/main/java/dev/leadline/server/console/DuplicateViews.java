package dev.leadline.server.console;

import dev.leadline.core.common.Page;
import dev.leadline.core.dedupe.DuplicateReviewService;
import dev.leadline.core.dedupe.MergeFields;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The data of the Duplicates review and the merge screen, read through the core services the API uses. */
final class DuplicateViews {
    private static final String CUSTOM = "custom.";
    private final DuplicateReviewService reviews;
    private final LeadService leads;
    private final TeamService team;

    DuplicateViews(DuplicateReviewService reviews, LeadService leads, TeamService team) {
        this.reviews = reviews;
        this.leads = leads;
        this.team = team;
    }

    /** A page of open pairs the rep may work, best match first. */
    ReviewViews.ReviewPage review(Rep rep, String after, String message, boolean refused) {
        Page<DuplicateReviewService.Pair> page = reviews.review(rep, Optional.ofNullable(after).filter(a -> !a.isBlank()));
        List<ReviewViews.PairRow> rows = page.items().stream().map(p -> new ReviewViews.PairRow(side(p.lead()), side(p.like()),
                String.format(Locale.ROOT, "%.2f", p.score()), String.join(", ", p.matched()), compared(p.lead(), p.like()),
                "/console/leads/" + p.like().id() + "/merge?with=" + p.lead().id())).toList();
        return new ReviewViews.ReviewPage(rows, page.nextCursor().map(c -> "/console/duplicates?after=" + encode(c)).orElse(""), message, refused);
    }

    /**
     * The merge screen of two leads: {@code survivor} keeps its id, {@code choices} (field name → lead)
     * pick the values; the preview is the data the merge would give.
     */
    ReviewViews.MergePage merge(LeadId id, LeadId with, Optional<LeadId> survivor, Map<String, LeadId> choices, String message, boolean refused) {
        Lead one = leads.get(id);
        Lead two = leads.get(with);
        if (one.id().equals(two.id())) {
            String text = message.isEmpty() ? with + " is merged into " + one.id() + " already." : message;
            return new ReviewViews.MergePage(side(one), side(one), one.id().toString(), List.of(), List.of(), text, refused, false);
        }
        Lead principal = survivor.filter(two.id()::equals).isPresent() ? two : one;
        Lead other = principal == one ? two : one;
        MergeFields.Combined combined = MergeFields.combine(principal, List.of(other), choices);
        List<ReviewViews.FieldChoice> differing = new ArrayList<>();
        List<Views.Field> preview = new ArrayList<>();
        for (String name : names(one, two)) {
            LeadId from = combined.sources().get(name);
            String merged = value(combined.data().fields(), combined.data().customFields(), name);
            if (!merged.isEmpty()) {
                preview.add(new Views.Field(label(name), merged + " (from " + from + ")"));
            }
            if (!value(one, name).equals(value(two, name)) && !name.equals(LeadField.EXTERNAL_ID.jsonName())) {
                LeadId chosen = Optional.ofNullable(choices.get(name)).orElse(from);
                differing.add(new ReviewViews.FieldChoice("field." + name, label(name), List.of(option(one, name, chosen), option(two, name, chosen))));
            }
        }
        return new ReviewViews.MergePage(side(one), side(two), principal.id().toString(), differing, preview, message, refused, true);
    }

    /** The survivor after a merge, with its fields, for the page that offers to undo it. */
    ReviewViews.MergedPage merged(LeadId id, String message, boolean refused, boolean undoable) {
        Lead lead = leads.get(id);
        List<Views.Field> fields = new ArrayList<>();
        for (String name : names(lead, lead)) {
            String value = value(lead, name);
            if (!value.isEmpty()) {
                fields.add(new Views.Field(label(name), value));
            }
        }
        return new ReviewViews.MergedPage(side(lead), fields, message, refused, undoable);
    }

    private static ReviewViews.Option option(Lead lead, String name, LeadId chosen) {
        String value = value(lead, name);
        return new ReviewViews.Option(lead.id().toString(), value.isEmpty() ? "(empty)" : value, lead.id().equals(chosen));
    }

    /** The fields either lead has, standard ones first, as named in the API. */
    private static Set<String> names(Lead one, Lead two) {
        Set<String> names = new LinkedHashSet<>();
        for (LeadField field : LeadField.values()) {
            if (!value(one, field.jsonName()).isEmpty() || !value(two, field.jsonName()).isEmpty()) {
                names.add(field.jsonName());
            }
        }
        one.data().customFields().keySet().forEach(n -> names.add(CUSTOM + n));
        two.data().customFields().keySet().forEach(n -> names.add(CUSTOM + n));
        return names;
    }

    /** The two leads field by field, for the review. */
    private static List<ReviewViews.Compare> compared(Lead one, Lead two) {
        return names(one, two).stream().filter(n -> !n.equals(LeadField.EXTERNAL_ID.jsonName()))
                .map(n -> new ReviewViews.Compare(label(n), value(one, n), value(two, n), value(one, n).equalsIgnoreCase(value(two, n)))).toList();
    }

    private static String value(Lead lead, String name) {
        return value(lead.data().fields(), lead.data().customFields(), name);
    }

    private static String value(Map<LeadField, String> fields, Map<String, String> custom, String name) {
        String value = name.startsWith(CUSTOM) ? custom.get(name.substring(CUSTOM.length()))
                : LeadField.byName(name).map(fields::get).orElse(null);
        return Objects.requireNonNullElse(value, "").strip();
    }

    private ReviewViews.Side side(Lead lead) {
        String owner = lead.ownerRepId() == null ? "" : team.rep(lead.ownerRepId()).map(Rep::name).orElse("");
        return new ReviewViews.Side(lead.id().toString(), lead.data().displayName(), lead.status().label(), owner);
    }

    /** {@code firstName} as "First name", {@code custom.plan} as "plan". */
    private static String label(String name) {
        if (name.startsWith(CUSTOM)) {
            return name.substring(CUSTOM.length());
        }
        String spaced = name.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
