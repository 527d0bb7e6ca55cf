package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.dedupe.DuplicateReviewService;
import dev.leadline.core.dedupe.MergeOutcome;
import dev.leadline.core.dedupe.MergeService;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadOutcome;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Duplicates review (dismiss a pair), the merge screen of two leads, and the survivor's page that
 * undoes the merge. Each handler reads the request, calls one core service and renders a template;
 * a refusal is shown on the page with 403 or 409, a lead named with itself on a page of its own with 400.
 */
public final class DuplicatePages {
    private static final String FIELD = "field.";
    private final DuplicateReviewService reviews;
    private final MergeService merges;
    private final DuplicateViews views;

    public DuplicatePages(DuplicateReviewService reviews, MergeService merges, LeadService leads, TeamService team) {
        this.reviews = reviews;
        this.merges = merges;
        this.views = new DuplicateViews(reviews, leads, team);
    }

    public void review(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        String message = "dismissed".equals(ctx.queryParam("done")) ? "Dismissed: the two are not flagged again." : "";
        ctx.render("duplicates.jte", Map.of("me", me(me), "review", views.review(me.rep(), ctx.queryParam("after"), message, false)));
    }

    public void dismiss(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        LeadOutcome outcome = reviews.dismiss(lead(ctx.formParam("lead"), "lead"), lead(ctx.formParam("other"), "other"), me.acting());
        if (outcome instanceof LeadOutcome.Done) {
            ctx.redirect("/console/duplicates?done=dismissed", HttpStatus.SEE_OTHER);
            return;
        }
        ctx.status(status(outcome)).render("duplicates.jte", Map.of("me", me(me),
                "review", views.review(me.rep(), null, refusal(outcome), true)));
    }

    public void mergeScreen(Context ctx) {
        String message = "unmerged".equals(ctx.queryParam("done")) ? "Merge undone: the two leads are apart again." : "";
        renderMerge(ctx, Optional.ofNullable(ctx.queryParam("survivor")), Map.of(), message, false);
    }

    /** Preview (the default button) re-draws the screen with the choices; Merge merges and goes to the survivor. */
    public void merge(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        Map<String, LeadId> choices = new LinkedHashMap<>();
        ctx.formParamMap().forEach((name, values) -> {
            if (name.startsWith(FIELD) && !values.isEmpty()) {
                choices.put(name.substring(FIELD.length()), lead(values.get(0), name));
            }
        });
        Optional<String> survivor = Optional.ofNullable(ctx.formParam("survivor"));
        if (!"merge".equals(ctx.formParam("step"))) {
            renderMerge(ctx, survivor, choices, "", false);
            return;
        }
        LeadId one = lead(ctx.pathParam("id"), "id");
        LeadId two = lead(ctx.formParam("with"), "with");
        if (refusedAsItself(ctx, one, two)) {
            return;
        }
        LeadId kept = survivor.map(s -> lead(s, "survivor")).filter(two::equals).orElse(one);
        MergeOutcome outcome = merges.merge(kept, List.of(kept.equals(one) ? two : one), choices, me.acting());
        if (outcome instanceof MergeOutcome.Merged) {
            ctx.redirect("/console/leads/" + kept + "/merged?from=" + (kept.equals(one) ? two : one), HttpStatus.SEE_OTHER);
            return;
        }
        LeadOutcome reason = ((MergeOutcome.Refused) outcome).reason();
        ctx.status(status(reason));
        renderMerge(ctx, survivor, choices, refusal(reason), true);
    }

    /** The survivor of a merge; a lead with no merge to undo is answered 404 with a sentence and no Undo button. */
    public void merged(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        LeadId id = lead(ctx.pathParam("id"), "id");
        boolean undoable = merges.hasMergeToUndo(id);
        String from = ctx.queryParam("from");
        String message = !undoable ? id + " has no merge to undo." : from == null ? "" : "Merged " + lead(from, "from") + " into " + id + ".";
        ctx.status(undoable ? 200 : 404).render("merged.jte", Map.of("me", me(me), "merged", views.merged(id, message, !undoable, undoable)));
    }

    public void unmerge(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        LeadId id = lead(ctx.pathParam("id"), "id");
        MergeOutcome outcome = merges.unmerge(id, me.acting());
        if (outcome instanceof MergeOutcome.Unmerged undone && !undone.restored().isEmpty()) {
            ctx.redirect("/console/leads/" + id + "/merge?with=" + undone.restored().get(0).id() + "&done=unmerged", HttpStatus.SEE_OTHER);
            return;
        }
        LeadOutcome reason = outcome instanceof MergeOutcome.Refused refused ? refused.reason() : new LeadOutcome.WrongState("Nothing came back.");
        ctx.status(status(reason)).render("merged.jte", Map.of("me", me(me), "merged", views.merged(id, refusal(reason), true, merges.hasMergeToUndo(id))));
    }

    private void renderMerge(Context ctx, Optional<String> survivor, Map<String, LeadId> choices, String message, boolean refused) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        LeadId id = lead(ctx.pathParam("id"), "id");
        LeadId with = lead(Optional.ofNullable(ctx.queryParam("with")).orElse(ctx.formParam("with")), "with");
        if (refusedAsItself(ctx, id, with)) {
            return;
        }
        ctx.render("merge.jte", Map.of("me", me(me), "merge", views.merge(id, with,
                survivor.map(s -> lead(s, "survivor")), choices, message, refused)));
    }

    /** A lead named with itself is refused with 400 and a page saying so, with no form: there is nothing to merge. */
    private static boolean refusedAsItself(Context ctx, LeadId id, LeadId with) {
        if (!id.equals(with)) {
            return false;
        }
        ctx.status(400).render("refused.jte", Map.of("title", "Cannot merge " + id, "message", "A lead cannot be merged with itself: "
                + id + " and " + with + " are the same lead. Open the merge screen from the Duplicates review to merge two different leads."));
        return true;
    }

    private static LeadId lead(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, "name a lead, e.g. L-42");
        }
        return LeadId.parse(text, field);
    }

    /** A refusal in the words chat uses. */
    private static String refusal(LeadOutcome outcome) {
        if (outcome instanceof LeadOutcome.AlreadyClaimed claimed) {
            return "Too late: " + claimed.ownerName() + " claimed " + claimed.lead().id() + ".";
        } else if (outcome instanceof LeadOutcome.NotAllowed notAllowed) {
            return "Not allowed: " + notAllowed.reason();
        } else if (outcome instanceof LeadOutcome.WrongState wrong) {
            return wrong.reason();
        }
        return "";
    }

    private static int status(LeadOutcome refusal) {
        return refusal instanceof LeadOutcome.NotAllowed ? 403 : 409;
    }

    private static Views.Me me(ConsoleAccess.Active active) {
        return ConsolePages.me(active);
    }
}
