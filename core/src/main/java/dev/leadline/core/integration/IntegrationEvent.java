package dev.leadline.core.integration;

import java.time.Instant;

/**
 * One thing that happened, as listeners get it.
 *
 * @param msgId   its id for receivers ({@code webhook-id}): the same on every retry and replay
 * @param type    one of {@link EventTypes#ALL}
 * @param leadId  the lead it is about
 * @param at      when it happened
 * @param payload the JSON body sent
 */
public record IntegrationEvent(String msgId, String type, long leadId, Instant at, String payload) {}
