/**
 * How leads come in: one at a time over the API (with idempotency keys), from web-to-lead forms,
 * and in bulk from spreadsheets (CSV imports with column mapping, batches, resumable jobs). Every
 * path turns raw values into {@link dev.leadline.core.lead.LeadData} the same way.
 */
package dev.leadline.core.intake;
