package dev.leadline.server.console;

import dev.leadline.core.access.ApiToken;
import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditSearch;
import dev.leadline.core.activity.AuditTrail;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** What the admin pages (tokens, audit log) show, already in words. */
public final class AdminViews {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    private final TeamService team;

    AdminViews(TeamService team) {
        this.team = team;
    }

    public record TokenRow(String name, String role, String rep, String created, String expires, String revoked) {
        public boolean active() {
            return revoked.isEmpty();
        }
    }

    /** The tokens page: every token, the form's values, a problem per input and a message (done or refused). */
    public record TokensPage(List<TokenRow> tokens, Map<String, String> typed, Map<String, String> problems, String message, boolean refused) {
        public String typed(String field) {
            return typed.getOrDefault(field, "");
        }

        /** The problem with an input, or null. */
        public String problem(String field) {
            return problems.get(field);
        }
    }

    public record AuditRow(String at, String actor, String action, String entity, List<String> changes) {}

    /** The audit search: what was asked, a page of entries, and the links to the pages around it. */
    public record AuditPage(Map<String, String> asked, List<AuditRow> entries, String previousUrl, String nextUrl, String message,
                            Map<String, String> problems) {
        public String asked(String field) {
            return asked.getOrDefault(field, "");
        }

        /** The problem with an input, or null. */
        public String problem(String field) {
            return problems.get(field);
        }
    }

    TokensPage tokens(List<ApiToken> tokens, ZoneId zone, Map<String, String> typed, Map<String, String> problems, String message,
                      boolean refused) {
        return new TokensPage(tokens.stream().map(t -> new TokenRow(t.name(), t.role().name(),
                t.repId() == null ? "" : team.rep(t.repId()).map(Rep::email).orElse(Long.toString(t.repId())),
                when(t.createdAt(), zone), when(t.expiresAt(), zone), when(t.revokedAt(), zone))).toList(), typed, problems, message, refused);
    }

    AuditRow row(AuditSearch.Found found, ZoneId zone) {
        AuditEntry e = found.entry();
        TreeSet<String> keys = new TreeSet<>(e.before().keySet());
        keys.addAll(e.after().keySet());
        List<String> changes = keys.stream().map(k -> k + ": " + e.before().getOrDefault(k, "—") + " → " + e.after().getOrDefault(k, "—")).toList();
        return new AuditRow(when(e.occurredAt(), zone), e.actor().toString(), e.action(), e.entityType() + " " + e.entityId(), changes);
    }

    AuditPage audit(Map<String, String> asked, AuditTrail.Page page, ZoneId zone) {
        String query = query(asked);
        return new AuditPage(asked, page.entries().stream().map(f -> row(f, zone)).toList(),
                page.page() > 1 ? "/console/admin/audit?" + query + "page=" + (page.page() - 1) : "",
                page.more() ? "/console/admin/audit?" + query + "page=" + (page.page() + 1) : "", "", Map.of());
    }

    private static String query(Map<String, String> asked) {
        StringBuilder out = new StringBuilder();
        asked.forEach((k, v) -> {
            if (!v.isBlank()) {
                out.append(k).append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)).append('&');
            }
        });
        return out.toString();
    }

    private static String when(Instant at, ZoneId zone) {
        return at == null ? "" : WHEN.format(at.atZone(zone));
    }
}
