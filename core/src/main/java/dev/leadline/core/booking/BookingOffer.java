package dev.leadline.core.booking;

import java.util.List;

/** An offer just made to a visitor: the booking and its first free slots. */
public record BookingOffer(Booking booking, List<SlotFinder.Slot> slots) {}
