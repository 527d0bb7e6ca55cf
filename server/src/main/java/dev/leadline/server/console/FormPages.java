package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.common.FieldError;
import dev.leadline.core.intake.FormDefinition;
import dev.leadline.core.intake.FormOutcome;
import dev.leadline.core.intake.FormService;
import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Forms page: each web form (as {@code GET /api/v1/forms} lists them) with the HTML to embed it in a
 * web site, and a test form submitted through the same core service as {@code POST /forms/{key}}.
 */
public final class FormPages {
    private final FormService forms;
    private final String publicUrl;

    public FormPages(FormService forms, URI publicUrl) {
        this.forms = forms;
        this.publicUrl = publicUrl.toString().replaceAll("/+$", "");
    }

    public void list(Context ctx) {
        render(ctx, 200, ConsoleGate.active(ctx), "", null);
    }

    /** Submits the test form as a visitor would; the page then names the lead it created or found, or each problem. */
    public void testSubmit(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        FormDefinition form = forms.form(ctx.pathParam("key"));
        Map<String, String> fields = new LinkedHashMap<>();
        ctx.formParamMap().forEach((name, values) -> {
            if (!name.equals(ConsoleGate.CSRF_FIELD) && !values.isEmpty() && !values.get(0).isBlank()) {
                fields.put(name, values.get(0));
            }
        });
        FormOutcome outcome = forms.submit(form.key(), fields);
        if (outcome instanceof FormOutcome.Invalid invalid) {
            render(ctx, 422, me, form.key(), new FormViews.Result(true, "Not accepted: " + FieldError.describe(invalid.errors()) + ".", ""));
        } else if (outcome instanceof FormOutcome.Accepted accepted) {
            String lead = accepted.record().startsWith("L-") ? accepted.record() : "";
            render(ctx, 200, me, form.key(), new FormViews.Result(false, "Accepted: the submission is lead " + accepted.record() + ".", lead));
        } else {
            render(ctx, 200, me, form.key(), new FormViews.Result(false, "Dropped as spam: the hidden field was filled.", ""));
        }
    }

    private void render(Context ctx, int status, ConsoleAccess.Active me, String tried, FormViews.Result result) {
        List<FormViews.Form> shown = forms.forms().stream()
                .map(form -> FormViews.form(form, publicUrl, form.key().equals(tried) ? result : null)).toList();
        ctx.status(status).render("forms.jte", Map.of("me", ConsolePages.me(me), "forms", shown));
    }
}
