package dev.leadline.core.account;

/** A company we sell to. */
public record Account(long id, String name, String domain, Long ownerRepId, int version) {}
