/**
 * Booking on form submit: the slots a visitor may book with the rep routing chose (or a queue's members in
 * the order its strategy would pick them), booking one exactly once, the visitor's reschedule and cancel
 * links, invitations with an {@code .ics}, and the alert when a qualified visitor did not book.
 */
package dev.leadline.core.booking;
