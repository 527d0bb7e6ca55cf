package dev.leadline.core.common;

import java.util.Objects;

/**
 * Who did something, as recorded on the timeline and in the audit log: an API token, a rep, a web
 * form, an import or the system itself. {@code via} names the principal a rep acted through when
 * that was not the rep in person (an API token acting for the rep), else it is null.
 */
public record Actor(String kind, String name, String via) {
    public static final Actor SYSTEM = new Actor("system", "leadline");
    private static final String VIA = " via ";

    public Actor {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(name);
    }

    public Actor(String kind, String name) {
        this(kind, name, null);
    }

    public static Actor token(String tokenName) {
        return new Actor("token", tokenName);
    }

    public static Actor form(String formKey) {
        return new Actor("form", formKey);
    }

    public static Actor rep(String email) {
        return new Actor("rep", email);
    }

    /** A rep acting through another principal, e.g. {@code rep:jane@example.com via token:crm-sync}. */
    public static Actor delegated(String repEmail, Actor through) {
        return new Actor("rep", repEmail, through.toString());
    }

    /** A plugin writing on its own, e.g. {@code plugin:enrich-email} writing cleaned values onto a lead. */
    public static Actor plugin(String pluginId) {
        return new Actor("plugin", pluginId);
    }

    public static Actor cli(String user) {
        return new Actor("cli", user);
    }

    /** The stored form, e.g. {@code token:zapier} or {@code rep:jane@example.com via token:zapier}. */
    @Override
    public String toString() {
        return kind + ":" + name + (via == null ? "" : VIA + via);
    }

    public static Actor parse(String stored) {
        int via = stored.indexOf(VIA);
        String who = via < 0 ? stored : stored.substring(0, via);
        String through = via < 0 ? null : stored.substring(via + VIA.length());
        int colon = who.indexOf(':');
        return colon < 0 ? new Actor("unknown", who, through) : new Actor(who.substring(0, colon), who.substring(colon + 1), through);
    }
}
