package dev.leadline.core.common;

import java.util.Objects;

/**
 * Who did something, as recorded on the timeline and in the audit log: an API token, a rep, a web
 * form, an import or the system itself.
 */
public record Actor(String kind, String name) {
    public static final Actor SYSTEM = new Actor("system", "leadline");

    public Actor {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(name);
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

    public static Actor cli(String user) {
        return new Actor("cli", user);
    }

    /** The stored form, e.g. {@code token:zapier}. */
    @Override
    public String toString() {
        return kind + ":" + name;
    }

    public static Actor parse(String stored) {
        int colon = stored.indexOf(':');
        return colon < 0 ? new Actor("unknown", stored) : new Actor(stored.substring(0, colon), stored.substring(colon + 1));
    }
}
