/**
 * Duplicate detection: normalised match keys (email, domain, company, names with nicknames and
 * phonetic codes, phone, address), blocking keys for candidate search, and a weighted match score.
 */
package dev.leadline.core.dedupe;
