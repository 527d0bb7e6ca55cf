/**
 * The Mattermost bot: a bot account's REST API v4 for posts, edits and direct messages; slash
 * commands checked by their verification token; interactive message buttons whose context is signed.
 */
package dev.leadline.mattermost;
