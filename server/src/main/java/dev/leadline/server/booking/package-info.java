/**
 * Booking's outside world: reps' own calendars (CalDAV or a free/busy ICS address) read in the
 * background into {@link dev.leadline.server.booking.CalendarCache}, which answers
 * {@link dev.leadline.core.booking.ExternalCalendars} from memory; {@link dev.leadline.server.booking.Calendars}
 * wires it with the calendar settings.
 */
package dev.leadline.server.booking;
