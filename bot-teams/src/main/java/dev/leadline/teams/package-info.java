/**
 * The Microsoft Teams bot (Bot Framework behind our own transport interface). Not built yet: the
 * module exists so the reactor has its final shape; the Teams issue fills it in.
 */
package dev.leadline.teams;
