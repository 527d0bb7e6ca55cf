package dev.leadline.server.http;

import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.routing.DraftTrial;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import dev.leadline.server.config.ConfigProblem;
import dev.leadline.server.routing.RulesDraft;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A draft rule set's dry run over HTTP: its {@code last} parameter, its problems with their lines, and the answer. */
final class DraftTrials {
    static final int DEFAULT_LAST = 200;

    private DraftTrials() {}

    /** The number of leads asked for (200 when not given); core decides how many may be asked for. */
    static int last(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LAST;
        }
        if (!text.strip().matches("\\d{1,9}")) {
            throw new ValidationException("last", "must be a number of leads, e.g. 200; was '" + text + "'");
        }
        return Integer.parseInt(text.strip());
    }

    /** Whether core refused the number of leads asked for (checked before the draft), not the draft. */
    static boolean aboutLast(ValidationException e) {
        return e.errors().stream().allMatch(f -> f.field().equals("last"));
    }

    /** 422 {@code invalid_rules}, each problem as {@code {field: "default.queue", message: "line 7: no queue named 'Nope'"}}. */
    static HttpProblem invalid(List<ConfigProblem> problems) {
        return new HttpProblem(422, "invalid_rules", "the draft has " + problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                + RulesDraft.describe(problems.get(0)) + (problems.size() > 1 ? "; ..." : ""),
                problems.stream().map(p -> new FieldError(p.path().isEmpty() ? "body" : p.path(), "line " + p.line() + ": " + p.message())).toList());
    }

    static Map<String, Object> json(DraftTrial trial, TeamService team) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", trial.draft().purpose());
        body.put("decidedBy", trial.decidedBy());
        body.put("last", trial.asked());
        body.put("leads", trial.rows().size());
        body.put("changed", trial.changed());
        body.put("stored", false);
        body.put("items", trial.rows().stream().map(row -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("lead", row.lead().id().toString());
            item.put("changed", row.changed());
            item.put("got", place(row.got(), team));
            item.put("would", place(row.would(), team));
            return item;
        }).toList());
        return body;
    }

    private static Map<String, Object> place(DraftTrial.Place place, TeamService team) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", place.outcome());
        out.put("queue", place.queueId() == null ? null : team.queue(place.queueId()).map(LeadQueue::name).orElse("queue " + place.queueId()));
        out.put("rep", place.repId() == null ? null : team.rep(place.repId()).map(Rep::email).orElse("rep " + place.repId()));
        out.put("entry", place.entry());
        return out;
    }
}
