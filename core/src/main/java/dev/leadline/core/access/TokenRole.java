package dev.leadline.core.access;

/**
 * What an API token may do: administer the desk ({@code ADMIN}), feed it leads as an integration
 * ({@code INTEGRATION}; acting on leads as a rep only with the act-as scope), or act as one rep,
 * its own ({@code REP}).
 */
public enum TokenRole {
    ADMIN, INTEGRATION, REP;

    /** Reads a role as people write it: {@code admin}, {@code Integration}, {@code REP}. */
    public static TokenRole parse(String text) {
        for (TokenRole role : values()) {
            if (role.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return role;
            }
        }
        throw new dev.leadline.core.common.ValidationException("role", "must be ADMIN, INTEGRATION or REP");
    }
}
