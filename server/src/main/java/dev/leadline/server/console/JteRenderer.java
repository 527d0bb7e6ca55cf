package dev.leadline.server.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.util.Map;

/** Renders the console's jte templates, compiled to Java classes at build time (nothing is compiled at run time). */
public final class JteRenderer implements FileRenderer {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    @Override
    public String render(String template, Map<String, ?> model, Context ctx) {
        StringOutput output = new StringOutput();
        engine.render(template, new java.util.HashMap<String, Object>(model), output);
        return output.toString();
    }
}
