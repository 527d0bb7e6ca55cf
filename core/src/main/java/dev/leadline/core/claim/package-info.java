/**
 * Who has a lead. A lead offered to a queue is claimed by the first member who asks (the others are
 * told who won and when); an owner can release it back to its queue; managers assign leads to reps
 * or offer them to queues, giving a reason.
 */
package dev.leadline.core.claim;
