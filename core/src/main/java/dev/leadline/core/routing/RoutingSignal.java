package dev.leadline.core.routing;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes the router when leads arrive, so a new lead is routed as soon as its transaction commits. */
public final class RoutingSignal {
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
