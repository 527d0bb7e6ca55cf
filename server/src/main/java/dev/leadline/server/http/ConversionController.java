package dev.leadline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.conversion.ConversionOutcome;
import dev.leadline.core.conversion.ConversionService;
import dev.leadline.core.conversion.ConvertRequest;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code POST /api/v1/leads/{id}/convert} and {@code /unconvert}. */
final class ConversionController {
    private final ObjectMapper json;
    private final ConversionService conversion;
    private final TeamService team;

    /** The body of a conversion. */
    record ConvertBody(String rep, AccountChoice account, OpportunityBody opportunity) {}

    /** An existing account by id, or a new one by name; absent: matched by domain or company, else created. */
    record AccountChoice(Long id, String name) {}

    /** The opportunity to open. */
    record OpportunityBody(String name, BigDecimal amount, LocalDate closeDate, String stage) {}

    /** The body of an unconversion. */
    record RepBody(String rep) {}

    ConversionController(ObjectMapper json, ConversionService conversion, TeamService team) {
        this.json = json;
        this.conversion = conversion;
        this.team = team;
    }

    void convert(Context ctx) throws IOException {
        ConvertBody body = json.readValue(Reps.actingBody(ctx), ConvertBody.class);
        AccountChoice account = Optional.ofNullable(body.account()).orElse(new AccountChoice(null, null));
        if (account.id() != null && account.name() != null) {
            throw new ValidationException("account", "name an existing account by id or a new one by name, not both");
        }
        ConvertRequest request = new ConvertRequest(Optional.ofNullable(account.id()),
                Optional.ofNullable(account.name()).filter(n -> !n.isBlank()).map(String::strip),
                Optional.ofNullable(body.opportunity()).map(o -> new ConvertRequest.OpportunitySpec(o.name(), o.amount(), o.closeDate(), o.stage())));
        answer(ctx, conversion.convert(LeadId.parse(ctx.pathParam("id")), Reps.acting(ctx, team, body.rep()), request));
    }

    void unconvert(Context ctx) throws IOException {
        RepBody body = json.readValue(Reps.actingBody(ctx), RepBody.class);
        answer(ctx, conversion.unconvert(LeadId.parse(ctx.pathParam("id")), Reps.acting(ctx, team, body.rep())));
    }

    private static void answer(Context ctx, ConversionOutcome outcome) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (outcome instanceof ConversionOutcome.Converted c) {
            out.put("lead", LeadJson.write(c.lead()));
            out.put("account", Map.of("id", c.account().id(), "name", c.account().name(), "created", c.accountCreated()));
            out.put("contact", Map.of("id", c.contact().id()));
            out.put("opportunity", c.opportunity() == null ? null : Map.of("id", c.opportunity().id(), "name", c.opportunity().name()));
            ctx.json(out);
        } else if (outcome instanceof ConversionOutcome.Unconverted u) {
            out.put("lead", LeadJson.write(u.lead()));
            out.put("removed", u.removed());
            out.put("kept", u.kept());
            ctx.json(out);
        } else {
            throw HttpProblem.refused(((ConversionOutcome.Refused) outcome).reason());
        }
    }


}
