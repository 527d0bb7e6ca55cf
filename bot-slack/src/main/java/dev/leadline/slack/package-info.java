/**
 * The Slack bot (Bolt for Java inside a Javalin handler). Not built yet: the module exists so the
 * reactor has its final shape; the Slack issue fills it in on top of the lifecycle in core.
 */
package dev.leadline.slack;
