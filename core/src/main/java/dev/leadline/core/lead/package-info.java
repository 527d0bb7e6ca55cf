/**
 * Leads: people who may buy, what we know about them ({@link dev.leadline.core.lead.LeadData}),
 * how raw input becomes that knowledge ({@link dev.leadline.core.lead.LeadDraft}), and where they
 * stand ({@link dev.leadline.core.lead.LeadStatus}). A lead is shown to people as {@code L-1042}.
 */
package dev.leadline.core.lead;
