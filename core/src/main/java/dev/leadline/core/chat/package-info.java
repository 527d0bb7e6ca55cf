/**
 * Chat: the one command grammar both bots read ({@code /leads overdue}, {@code /lead claim L-42},
 * {@code schedule L-42 tomorrow 15:00 30 Demo}), everyday times in the rep's own time zone, and the
 * desk that turns a command from a rep into one service call and a reply. Slack and Teams only
 * translate their payloads to text and identities, and render the neutral cards.
 */
package dev.leadline.core.chat;
