package dev.leadline.core.account;

/** A person at an account; {@code leadId} names the lead it was converted from, if any. */
public record Contact(long id, long accountId, Long leadId, String firstName, String lastName, String email, String phone,
                      String title, int version) {}
