/**
 * The team: reps (who they are, where and when they work, their role, their chat identities) and
 * the queues that group them.
 */
package dev.leadline.core.team;
