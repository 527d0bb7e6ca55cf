package dev.leadline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.account.AccountMatch;
import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.common.Page;
import dev.leadline.core.common.Text;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.dedupe.ContactMatch;
import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.dedupe.Lookalike;
import dev.leadline.core.intake.CreateOutcome;
import dev.leadline.core.intake.IdempotencyKey;
import dev.leadline.core.intake.IntakeService;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadCursor;
import dev.leadline.core.lead.LeadDraft;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.lead.LeadView;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import dev.leadline.core.views.SavedViewService;
import java.time.Clock;
import java.time.ZoneId;
import io.javalin.http.Context;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/leads}: create, read and list leads. */
final class LeadController {
    private final ObjectMapper json;
    private final IntakeService intake;
    private final LeadService leads;
    private final SavedViewService views;
    private final TeamService team;
    private final Clock clock;
    private final AccountMatching accounts;

    private final dev.leadline.core.nurture.NurtureService nurture;

    LeadController(ObjectMapper json, IntakeService intake, LeadService leads, SavedViewService views, TeamService team, Clock clock,
                   AccountMatching accounts, dev.leadline.core.nurture.NurtureService nurture) {
        this.json = json;
        this.nurture = nurture;
        this.accounts = accounts;
        this.intake = intake;
        this.leads = leads;
        this.views = views;
        this.team = team;
        this.clock = clock;
    }

    void create(Context ctx) throws Exception {
        byte[] body = ctx.bodyAsBytes();
        LeadDraft.Validated validated = LeadJson.read(json, body).build();
        if (validated instanceof LeadDraft.Validated.Invalid invalid) {
            throw new ValidationException(invalid.errors());
        }
        var caller = Authenticator.caller(ctx);
        Optional<IdempotencyKey> key = Optional.ofNullable(ctx.header("Idempotency-Key"))
                .map(k -> new IdempotencyKey(caller.token().id(), k.strip(), sha256(body)));
        CreateOutcome outcome = intake.create(((LeadDraft.Validated.Valid) validated).data(), caller.actor(), key);
        if (outcome instanceof CreateOutcome.KeyReused reused) {
            throw new HttpProblem(409, "idempotency_key_reused",
                    "Idempotency-Key '" + reused.key() + "' was already used with a different body");
        }
        if (outcome instanceof CreateOutcome.AlreadyExists exists) {
            throw new HttpProblem(409, "already_exists", "lead " + exists.existing().id() + " already has externalId "
                    + exists.existing().data().getOrNull(dev.leadline.core.lead.LeadField.EXTERNAL_ID));
        }
        if (outcome instanceof CreateOutcome.Duplicate blocked) {
            Lookalike d = blocked.of();
            Map<String, Object> answer = new java.util.LinkedHashMap<>(lookalike(d));
            answer.put("error", "duplicate");
            answer.put("message", "this looks like " + d.reference() + " (" + String.join(", ", d.matched()) + "); nothing was stored");
            answer.put("existing", d instanceof DuplicateService.Duplicate lead ? LeadJson.write(lead.lead()) : lookalike(d));
            ctx.status(409).json(answer);
            return;
        }
        if (outcome instanceof CreateOutcome.Merged merged) {
            Map<String, Object> answer = new java.util.LinkedHashMap<>(LeadJson.write(merged.survivor()));
            answer.put("mergedFrom", merged.created().toString());
            ctx.status(200).header("Location", "/api/v1/leads/" + merged.survivor().id()).json(answer);
            return;
        }
        Lead lead = outcome instanceof CreateOutcome.Created c ? c.lead() : ((CreateOutcome.Replayed) outcome).lead();
        if (outcome instanceof CreateOutcome.Replayed) {
            ctx.header("Idempotent-Replayed", "true");
        }
        Map<String, Object> answer = new java.util.LinkedHashMap<>(LeadJson.write(lead, accounts.stored(lead.id())));
        if (outcome instanceof CreateOutcome.Created c && !c.possibleDuplicates().isEmpty()) {
            answer.put("possibleDuplicates", c.possibleDuplicates().stream().map(LeadController::lookalike).toList());
        }
        ctx.status(201).header("Location", "/api/v1/leads/" + lead.id()).json(answer);
    }

    /** A look-alike as the API names it: a lead's id, or a contact's id and account. */
    static Map<String, Object> lookalike(Lookalike like) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        if (like instanceof DuplicateService.Duplicate d) {
            out.put("id", d.lead().id().toString());
        } else if (like instanceof ContactMatch c) {
            out.put("contact", Map.of("id", c.contact().id(), "accountId", c.contact().accountId(), "account", c.accountName()));
        }
        out.put("score", Math.round(like.score() * 1000) / 1000.0);
        out.put("matched", like.matched());
        return out;
    }

    void get(Context ctx) {
        Lead lead = leads.get(LeadId.parse(ctx.pathParam("id")));
        Map<String, Object> out = LeadJson.write(lead, accounts.stored(lead.id()));
        out.put("nurture", nurture.of(lead.id()).map(NurtureController::json).orElse(null));
        ctx.json(out);
    }

    void list(Context ctx) {
        LeadQuery query = viewQuery(ctx);
        int limit = Optional.ofNullable(ctx.queryParam("limit")).map(LeadController::limit).orElse(LeadQuery.DEFAULT_LIMIT);
        Optional<LeadCursor> cursor = Optional.ofNullable(ctx.queryParam("cursor")).map(LeadCursor::decode);
        Page<Lead> page = leads.list(query.withPage(limit, cursor));
        Map<LeadId, AccountMatch> matched = accounts.stored(page.items().stream().map(Lead::id).toList());
        ctx.json(Map.of("items", page.items().stream().map(l -> LeadJson.write(l, Optional.ofNullable(matched.get(l.id())))).toList(),
                "nextCursor", page.nextCursor().orElse("")));
    }

    /**
     * {@code GET /api/v1/leads.csv?view=...}: every lead of the view (same filters as {@code GET /leads}) as CSV, written a page
     * at a time as it is read, formula cells escaped.
     */
    void listCsv(Context ctx) throws java.io.IOException {
        LeadQuery query = viewQuery(ctx).withPage(LeadQuery.MAX_LIMIT, Optional.empty());
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"leads.csv\"");
        try (CsvWriter csv = new CsvWriter(new java.io.OutputStreamWriter(ctx.outputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            csv.row(LeadCsv.COLUMNS);
            Page<Lead> page;
            do {
                page = leads.list(query);
                for (Lead lead : page.items()) {
                    csv.row(LeadCsv.cells(lead, team));
                }
                query = query.withPage(LeadQuery.MAX_LIMIT, page.nextCursor().map(LeadCursor::decode));
            } while (page.nextCursor().isPresent());
        }
    }

    private LeadQuery viewQuery(Context ctx) {
        LeadQuery query = views.open(Optional.ofNullable(ctx.queryParam("view")).orElse(LeadView.ALL.label()), scope(ctx));
        if (query.view() == LeadView.MINE && query.ownerRepId().isEmpty()) {
            throw new ValidationException("owner", "view=mine needs owner=<rep id or email>");
        }
        if (query.view() == LeadView.QUEUE && query.queueId().isEmpty()) {
            throw new ValidationException("queue", "view=queue needs queue=<queue name>");
        }
        return query;
    }

    /** {@code GET /api/v1/views/counts?owner=&queue=}: how many leads each view, built-in or custom, holds. */
    void counts(Context ctx) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        LeadQuery scope = scope(ctx);
        leads.counts(scope).forEach((view, count) -> counts.put(view.label(), count));
        views.visibleTo(scope.ownerRepId()).forEach(view -> counts.put(view.name(), leads.count(view.applyTo(scope))));
        ctx.json(counts);
    }

    private LeadQuery scope(Context ctx) {
        Optional<Rep> owner = Optional.ofNullable(ctx.queryParam("owner")).map(who -> Reps.named(team, who, "owner"));
        Optional<Long> queue = Optional.ofNullable(ctx.queryParam("queue")).map(name -> team.queueByName(name)
                .orElseThrow(() -> new ValidationException("queue", "no queue named '" + name + "'")).id());
        Optional<LeadStatus> status = Optional.ofNullable(ctx.queryParam("status")).map(LeadController::status);
        Optional<String> text = Optional.ofNullable(ctx.queryParam("q")).filter(q -> !q.isBlank()).map(q -> Text.checked("q", q));
        Optional<Boolean> flagged = Optional.ofNullable(ctx.queryParam("flagged")).map(LeadController::flagged);
        ZoneId zone = owner.map(Rep::timeZone).orElse(ZoneId.of("UTC"));
        return LeadQuery.at(clock.instant(), zone).withOwner(owner.map(Rep::id)).withQueue(queue).withStatus(status).withText(text)
                .withFlagged(flagged);
    }

    private static boolean flagged(String flagged) {
        if (flagged.equals("true") || flagged.equals("false")) {
            return Boolean.parseBoolean(flagged);
        }
        throw new ValidationException("flagged", "must be true or false, not '" + flagged + "'");
    }


    private static LeadStatus status(String status) {
        try {
            return LeadStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("status", "'" + status + "' is not one of " + java.util.Arrays.toString(LeadStatus.values()));
        }
    }

    private static int limit(String limit) {
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= LeadQuery.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ValidationException("limit", "must be a whole number from 1 to " + LeadQuery.MAX_LIMIT);
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
