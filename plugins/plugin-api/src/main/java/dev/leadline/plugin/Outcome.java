package dev.leadline.plugin;

/**
 * A lead whose outcome is known, for providers that learn: won (converted) or lost (disqualified).
 *
 * @param lead the lead as it was
 * @param won  true when it was converted
 */
public record Outcome(LeadSnapshot lead, boolean won) {}
