package dev.leadline.core.routing;

/**
 * One line of a rule set: when the criteria match, the lead goes to the target. Options: also post
 * the card to another queue's channels ({@code notifyQueueId}), keep the lead from automatic
 * reassignment ({@code doNotReassign}), and run another queue's SLA policy ({@code slaQueueId}).
 */
public record RuleEntry(String name, Criterion when, Target target, Long notifyQueueId, boolean doNotReassign, Long slaQueueId) {}
