/**
 * Lead rooms: a channel of a lead's own (a thread under its card where a channel cannot be made), where
 * its owner, its account's owner and the managers a rule names talk about it, with its card pinned and
 * kept current. A room is recorded once per lead, in the same transaction as the delivery that makes
 * it on the platform; it is archived when the lead is converted, disqualified or merged, and comes back
 * when that is undone. Its messages go on the lead's timeline when the room says so ({@code room log on}).
 */
package dev.leadline.core.rooms;
