package dev.leadline.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HomeRefreshesTest {
    private final BlockingQueue<String> published = new LinkedBlockingQueue<>();

    @Test
    void aRepAskedForSeveralTimesBeforeTheirTurnIsPublishedOnceInTheOrderAsked() throws Exception {
        CountDownLatch firstHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (HomeRefreshes refreshes = new HomeRefreshes(who -> {
            published.add(who.user());
            if (who.user().equals("UANN")) {
                firstHeld.countDown();
                await(release);
            }
            return Optional.empty();
        }, Duration.ZERO)) {
            refreshes.ask("T1", "UANN");
            assertThat(firstHeld.await(5, TimeUnit.SECONDS)).isTrue();
            // while Ann's is being published, cards reach Bob twice, Cy once and Ann again
            refreshes.ask("T1", "UBOB");
            refreshes.ask("T1", "UCY");
            refreshes.ask("T1", "UBOB");
            refreshes.ask("T1", "UANN");
            assertThat(refreshes.waiting()).isEqualTo(3);
            release.countDown();
            assertThat(next(5)).containsExactly("UANN", "UBOB", "UCY", "UANN");
            assertThat(published.poll(300, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
        }
    }

    @Test
    void aRateLimitedPublishIsTriedAgainAfterTheOthersWaitingAndTheRetryAfter() throws Exception {
        List<Long> at = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean annRefused = new java.util.concurrent.atomic.AtomicBoolean();
        CountDownLatch bothAsked = new CountDownLatch(1);
        try (HomeRefreshes refreshes = new HomeRefreshes(who -> {
            await(bothAsked); // Ann's turn may come before Bob is asked for; her 429 must put her behind him either way
            published.add(who.user());
            synchronized (at) {
                at.add(System.nanoTime());
            }
            return who.user().equals("UANN") && !annRefused.getAndSet(true) ? Optional.of(Duration.ofMillis(200)) : Optional.empty();
        }, Duration.ZERO)) {
            refreshes.ask("T1", "UANN");
            refreshes.ask("T1", "UBOB");
            bothAsked.countDown();
            List<String> order = next(3);
            assertThat(order).containsExactly("UANN", "UBOB", "UANN");
            synchronized (at) {
                assertThat(Duration.ofNanos(at.get(1) - at.get(0))).as("Slack's Retry-After is waited out").isGreaterThanOrEqualTo(Duration.ofMillis(200));
            }
        }
    }

    /** The first publishes, in order, up to {@code most}, each awaited up to 5 s (fewer when they stop coming). */
    private List<String> next(int most) throws InterruptedException {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < most; i++) {
            String user = published.poll(i == 0 ? 5 : 1, TimeUnit.SECONDS);
            if (user == null) {
                break;
            }
            users.add(user);
        }
        return users;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
