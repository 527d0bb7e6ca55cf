/**
 * How fast leads are worked: the speed-to-lead report (time to claim, time to first touch). SLA
 * timers with reminders and escalation join this package next.
 */
package dev.leadline.core.sla;
