/**
 * Working a lead towards a decision: contact attempts move it from NEW to ATTEMPTED, or to ENGAGED
 * once the lead answered; the owner (or a manager) qualifies it, or disqualifies it with a reason
 * from the configured list; notes go on the timeline in any status.
 */
package dev.leadline.core.qualification;
