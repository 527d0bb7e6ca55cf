package dev.leadline.core.access;

/** What an API token may do: administer the desk, or feed it leads as an integration. */
public enum TokenRole {
    ADMIN, INTEGRATION
}
