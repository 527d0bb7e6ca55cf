package dev.leadline.core.account;

/**
 * A company we sell to; {@code domain} is a bare host ({@code acme.com}), {@code externalId} the
 * CRM's id for it (how a re-import finds it again), {@code employeeCount} its size when known.
 */
public record Account(long id, String name, String domain, Long ownerRepId, String externalId, Integer employeeCount, int version) {}
