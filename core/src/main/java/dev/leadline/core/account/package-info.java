/** Accounts, their contacts and their opportunities: where converted leads go. */
package dev.leadline.core.account;
