package dev.leadline.core.account;

/**
 * The account a lead belongs to, as far as the evidence goes: how sure ({@code confidence}, 0 to 1)
 * and on what grounds ({@code matchedBy}, e.g. "domain acme.com and company name 'Acme'").
 */
public record AccountMatch(long accountId, String name, Long ownerRepId, double confidence, String matchedBy) {}
