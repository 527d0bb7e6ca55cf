package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.Permissions;
import dev.leadline.server.plugins.PluginHost;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Plugins page (admins): each plugin's state, version, providers, calls, errors, latency and
 * circuits, and its settings as resolved, secrets masked; enabling, disabling and adding a plugin
 * through the same plugin host as {@code /api/v1/plugins}, with the same limits and refusals.
 */
public final class PluginPages {
    /** Settings whose names say they are secret are shown masked: the plugin API has no notion of a secret setting. */
    static final Pattern SECRET = Pattern.compile("secret|password|passwd|token|key|credential|auth|cookie|signature|private|bearer", Pattern.CASE_INSENSITIVE);
    static final String MASK = "••••";
    private final PluginHost plugins;

    public PluginPages(PluginHost plugins) {
        this.plugins = plugins;
    }

    /** The page; a status message named in the URL is shown only when that plugin exists and is in that state now. */
    public void page(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        List<PluginHost.PluginInfo> all = plugins.plugins();
        String message = Map.of("enabled", "Enabled %s.", "disabled", "Disabled %s.", "installed", "Added %s.").entrySet().stream()
                .filter(e -> ctx.queryParam(e.getKey()) != null && all.stream().anyMatch(p -> p.id().equals(ctx.queryParam(e.getKey()))
                        && inState(p, e.getKey())))
                .map(e -> String.format(e.getValue(), ctx.queryParam(e.getKey()))).findFirst().orElse("");
        render(ctx, 200, me, message, false);
    }

    private static boolean inState(PluginHost.PluginInfo plugin, String done) {
        boolean started = "STARTED".equals(plugin.state());
        return "installed".equals(done) || ("enabled".equals(done) == started);
    }

    public void enable(Context ctx) {
        admin(ctx);
        String id = plugins.enable(ctx.pathParam("id")).id();
        ctx.redirect("/console/admin/plugins?enabled=" + id, HttpStatus.SEE_OTHER);
    }

    public void disable(Context ctx) {
        admin(ctx);
        String id = plugins.disable(ctx.pathParam("id")).id();
        ctx.redirect("/console/admin/plugins?disabled=" + id, HttpStatus.SEE_OTHER);
    }

    /** A plugin archive from a file input: checked, stored and started as {@code POST /api/v1/plugins} does; a refusal is shown with 422. */
    public void upload(Context ctx) throws IOException {
        ConsoleAccess.Active me = admin(ctx);
        UploadedFile file = ctx.uploadedFile("archive");
        if (file == null || file.filename().isBlank()) {
            render(ctx, 422, me, "Not added: choose a plugin archive (a .zip or .jar named like my-plugin-1.0.0.zip).", true);
            return;
        }
        String id;
        try (InputStream body = file.content()) {
            id = plugins.install(file.filename(), body).id();
        } catch (ValidationException refused) {
            render(ctx, 422, me, "Not added: " + refused.getMessage(), true);
            return;
        }
        ctx.redirect("/console/admin/plugins?installed=" + id, HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, int status, ConsoleAccess.Active me, String message, boolean refused) {
        ctx.status(status).render("plugins.jte", Map.of("me", ConsolePages.me(me), "plugins", plugins.plugins().stream()
                .map(p -> PluginViews.card(p, plugins.settings(p.id()))).toList(), "message", message, "refused", refused));
    }

    static String shown(String name, String value) {
        return SECRET.matcher(name.toLowerCase(Locale.ROOT)).find() && !value.isEmpty() ? MASK : value;
    }

    private static ConsoleAccess.Active admin(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        if (!Permissions.isAdmin(me.rep())) {
            throw new ConsoleRefusal(403, "Not allowed: the Plugins page is for admins only.");
        }
        return me;
    }
}
