package dev.leadline.core.common;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a background loop of this node when work for it has committed (new leads to route, cards to
 * deliver), so the work starts at once instead of at the loop's next look. Only a shortcut: a loop
 * still looks every so often, for work that other nodes committed or a wake-up that came too early.
 * Wake-ups while the loop is busy fold into one.
 */
public final class Wakeup {
    private final Semaphore permits = new Semaphore(0);

    public void wake() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /** Waits until woken or until {@code most} has passed. */
    public void await(Duration most) throws InterruptedException {
        if (permits.tryAcquire(most.toMillis(), TimeUnit.MILLISECONDS)) {
            permits.drainPermits();
        }
    }
}
