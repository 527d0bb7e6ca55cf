/**
 * Telling people about lead changes. Changes write platform-neutral {@link dev.leadline.core.notify.Card}s
 * to the outbox in their own transaction; the {@link dev.leadline.core.notify.OutboxDispatcher} delivers
 * them at least once through each platform's {@link dev.leadline.core.notify.Notifier}, remembering where
 * each card went so later changes edit it in place.
 */
package dev.leadline.core.notify;
