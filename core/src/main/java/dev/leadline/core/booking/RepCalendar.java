package dev.leadline.core.booking;

import java.time.Instant;

/** A rep's calendar as stored: where it is read, when that was last changed, and how reading it went. */
public record RepCalendar(long repId, CalendarSource source, Instant changedAt, CalendarStatus status) {}
