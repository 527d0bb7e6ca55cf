package dev.leadline.server.plugins;

import dev.leadline.core.enrichment.ProviderCalls.Called;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How one plugin is called: on its own threads, with the plugin's class loader as the context class
 * loader, at most {@link #BULKHEAD} calls at once, each within the time limit, and behind a circuit
 * breaker per provider (open after half of the last 20 calls failed; tried again after 30 s).
 * Whatever a call does (throws, hangs, runs out of memory) comes back as a failure value; a call
 * skipped because the bulkhead is full counts as a failed call (taking no time), a call skipped
 * because the circuit is open is not counted.
 */
final class Isolation implements AutoCloseable {
    static final int BULKHEAD = 8;
    private static final CircuitBreakerConfig BREAKER = CircuitBreakerConfig.custom().slidingWindowSize(20).minimumNumberOfCalls(10)
            .failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(30)).build();

    private final String pluginId;
    private final ClassLoader loader;
    private final Duration timeout;
    private final ExecutorService threads;
    private final Semaphore bulkhead = new Semaphore(BULKHEAD);
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    final AtomicLong calls = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong totalMicros = new AtomicLong();
    final AtomicLong maxMicros = new AtomicLong();

    Isolation(String pluginId, ClassLoader loader, Duration timeout) {
        this.pluginId = pluginId;
        this.loader = loader;
        this.timeout = timeout;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "plugin-" + pluginId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Calls the provider; a failure (or a {@code null} answer) is returned as {@link Called#failed}. */
    <T> Called<T> call(String provider, Callable<T> work) {
        String name = pluginId + "/" + provider;
        CircuitBreaker breaker = breakers.computeIfAbsent(name, n -> CircuitBreaker.of(n, BREAKER));
        if (!breaker.tryAcquirePermission()) {
            return Called.failed(name, "skipped: circuit open after repeated failures");
        }
        long started = System.nanoTime();
        if (!bulkhead.tryAcquire()) {
            // a plugin whose calls never return holds the bulkhead: what it skips is its failure, so its circuit opens
            String failure = "skipped: " + BULKHEAD + " calls already running";
            record(breaker, started, failure);
            return Called.failed(name, failure);
        }
        // what the plugin logs carries the caller's MDC (the lead's id, the request's id)
        java.util.Map<String, String> context = org.slf4j.MDC.getCopyOfContextMap();
        Future<T> future = threads.submit(() -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            if (context != null) {
                org.slf4j.MDC.setContextMap(context);
            }
            try {
                return work.call();
            } finally {
                org.slf4j.MDC.clear();
                thread.setContextClassLoader(previous);
                bulkhead.release();
            }
        });
        String failure;
        try {
            T value = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (value != null) {
                record(breaker, started, null);
                return Called.ok(name, value);
            }
            failure = "answered nothing (null)";
        } catch (TimeoutException e) {
            future.cancel(true);
            failure = "timed out after " + timeout.toMillis() + " ms";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            failure = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            failure = "interrupted";
        }
        record(breaker, started, failure);
        return Called.failed(name, failure);
    }

    private void record(CircuitBreaker breaker, long started, String failure) {
        long micros = (System.nanoTime() - started) / 1000;
        calls.incrementAndGet();
        totalMicros.addAndGet(micros);
        maxMicros.accumulateAndGet(micros, Math::max);
        if (failure == null) {
            breaker.onSuccess(micros, TimeUnit.MICROSECONDS);
        } else {
            errors.incrementAndGet();
            breaker.onError(micros, TimeUnit.MICROSECONDS, new IllegalStateException(failure));
        }
    }

    /** The state of each provider's circuit, e.g. {@code CLOSED}. */
    Map<String, String> circuits() {
        Map<String, String> states = new java.util.TreeMap<>();
        breakers.forEach((name, breaker) -> states.put(name, breaker.getState().name()));
        return states;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
