/**
 * Nurture cadences: ordered steps (email, wait, task, chat nudge, branch) that follow up a lead that is
 * not ready, within a send window in the lead's time zone. This package holds the cadences as data and
 * their validation; enrolment and the due-step job come next (issue 24).
 */
package dev.leadline.core.nurture;
