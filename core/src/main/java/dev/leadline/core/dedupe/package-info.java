/**
 * Duplicate detection: normalised match keys (email, domain, company, names with nicknames and
 * phonetic codes, phone, address, birth date, the installation's identifiers), blocking keys for
 * candidate search, and a weighted match score in which an equal identifier decides.
 */
package dev.leadline.core.dedupe;
