/**
 * What happened to a lead: the timeline that reps read and the append-only audit log that says
 * who changed what, when, from what to what.
 */
package dev.leadline.core.activity;
