/**
 * Accounts, their contacts and their opportunities: where converted leads go, and what new leads
 * are matched to. {@link dev.leadline.core.account.AccountMatcher} weighs the evidence (the same
 * company domain, a contact at the lead's email domain, the same domain root, the same company name;
 * free mailbox domains never count) and breaks ties by a configured
 * {@link dev.leadline.core.account.AccountTiebreaker}; {@link dev.leadline.core.account.AccountMatching}
 * matches leads as they arrive and keeps the match with the lead;
 * {@link dev.leadline.core.account.AccountImport} brings accounts and contacts in from a file.
 */
package dev.leadline.core.account;
