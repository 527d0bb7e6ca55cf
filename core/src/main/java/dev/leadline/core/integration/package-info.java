/**
 * Integrations: what happened to leads, told to listeners outside Leadline through a transactional outbox.
 * Every event is stored in the transaction of the change it tells, with one delivery per listener (a webhook
 * subscription or a CRM connector); deliveries go at least once, in order per lead and listener, retried with
 * backoff, and each listener keeps a log of them that can be replayed.
 */
package dev.leadline.core.integration;
