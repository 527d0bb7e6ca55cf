/**
 * Meetings and follow-up tasks for leads: booking, rescheduling and recording how a meeting went
 * (a held meeting means the lead engaged), and tasks with due times. Instants are UTC; people see
 * them in their own time zone.
 */
package dev.leadline.core.scheduling;
