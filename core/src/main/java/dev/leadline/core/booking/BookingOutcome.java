package dev.leadline.core.booking;

import dev.leadline.core.scheduling.Meeting;
import dev.leadline.core.team.Rep;
import java.util.List;

/** What came of a visitor booking, moving or cancelling a meeting. */
public sealed interface BookingOutcome {
    /** Booked (or moved) with {@code rep}; {@code repeated} when the same request had already done it. */
    record Booked(Booking booking, Meeting meeting, Rep rep, boolean repeated) implements BookingOutcome {}

    /** Someone was faster, or the slot is no longer free: these are free now. */
    record SlotTaken(List<SlotFinder.Slot> slots) implements BookingOutcome {}

    /** The meeting is cancelled (again, when {@code repeated}). */
    record Cancelled(Booking booking, Meeting meeting, boolean repeated) implements BookingOutcome {}

    /** Not possible in the booking's state: {@code code} for programs, {@code message} for people. */
    record Refused(String code, String message) implements BookingOutcome {}
}
