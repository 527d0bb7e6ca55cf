/**
 * The Slack bot: Bolt for Java inside a Javalin handler (or over Socket Mode), the Block Kit renderer,
 * the notifier that posts and edits cards through the Web API, and who is who between Slack and Leadline.
 */
package dev.leadline.slack;
