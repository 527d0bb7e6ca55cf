/**
 * Routing: which rep or queue a lead goes to, and why. A rule set (one per purpose: leads from the
 * API, web forms, imports, and reassignment) is an ordered list of entries; the first whose criteria
 * match the lead wins and a default target catches the rest. A queue hands its leads out by its
 * strategy (claim-first, round robin, weighted, least-loaded) among members who are available (active,
 * not paused, not out of office, inside working hours, under capacity and caps), keeping fairness in a
 * virtual clock that an absent rep neither gains nor loses on. Every decision keeps its explanation.
 */
package dev.leadline.core.routing;
