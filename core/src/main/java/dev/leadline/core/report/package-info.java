/**
 * Reports: the funnel, conversion, rep performance and trends, counted from the facts of each lead's
 * history ({@link dev.leadline.core.report.LeadEvent}) that are written as the changes happen, so that a
 * later change does not rewrite the past.
 */
package dev.leadline.core.report;
