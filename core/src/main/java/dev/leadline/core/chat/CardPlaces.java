package dev.leadline.core.chat;

import dev.leadline.core.lead.LeadId;
import java.util.Optional;

/** Which lead a place in chat belongs to: the card posted there (a thread under it is about that lead), or the lead's room. */
public interface CardPlaces {
    /** The lead whose card is the message {@code ref} on the platform (as its notifier recorded it). */
    Optional<LeadId> leadOfMessage(String platform, String ref);

    /** The lead whose room (not archived) the platform made at {@code address} (a channel). */
    Optional<LeadId> leadOfRoom(String platform, String address);
}
