package dev.vprompt.worker.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.worker.internal.job.Dependency;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When a dependency is judged down or up, how often it is probed, and who hears of it. */
class DependencyMonitorTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final AtomicLong nanos = new AtomicLong();
    /** Timers that fire when the test says so; the context is the test thread. */
    private final Deque<Runnable> timers = new ArrayDeque<>();

    private final List<String> changes = new ArrayList<>();
    private final FakeProbe store = new FakeProbe();
    private final FakeProbe broker = new FakeProbe();
    private final DependencyMonitor monitor = new DependencyMonitor(
            Map.of(Dependency.STORE, store, Dependency.BROKER, broker),
            Runnable::run,
            (delay, task) -> timers.add(task),
            INTERVAL,
            Duration.ofSeconds(3),
            (d, up) -> changes.add(d + (up ? " up" : " down")),
            nanos::get);

    /** A probe whose answers the test gives, one per check. */
    private static final class FakeProbe implements Probe {
        final List<CompletableFuture<Void>> checks = new ArrayList<>();

        @Override
        public CompletableFuture<Void> check() {
            CompletableFuture<Void> f = new CompletableFuture<>();
            checks.add(f);
            return f;
        }

        void answer(boolean up) {
            CompletableFuture<Void> last = checks.get(checks.size() - 1);
            if (up) {
                last.complete(null);
            } else {
                last.completeExceptionally(new java.net.ConnectException("connection refused"));
            }
        }
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private void fireTimers() {
        for (int n = timers.size(); n > 0; n--) {
            timers.poll().run();
        }
    }

    @Test
    void shouldGoDownOnTwoFailedProbesInARowAndUpOnTheNextGoodOneAndTellTheListenerEachTime() {
        // Given
        monitor.start();
        store.answer(true);
        broker.answer(true);
        assertThat(monitor.isUp(Dependency.STORE)).isTrue();
        // When: the next periodic probe of the store fails
        advance(INTERVAL);
        fireTimers();
        store.answer(false);
        boolean downAfterOneFailure = monitor.isDown(Dependency.STORE);
        // and so does the one that follows soon after to confirm it
        advance(DependencyMonitor.MIN_PROBE_GAP);
        fireTimers();
        store.answer(false);
        boolean downWhileFailing = monitor.isDown(Dependency.STORE);
        Map<String, String> reasons = monitor.downReasons();
        // and the one after succeeds
        advance(INTERVAL);
        fireTimers();
        store.answer(true);
        // Then
        assertThat(downAfterOneFailure)
                .as("one slow or failed answer is not an outage")
                .isFalse();
        assertThat(store.checks).hasSize(4);
        assertThat(downWhileFailing).isTrue();
        assertThat(reasons).containsOnlyKeys("store");
        assertThat(reasons.get("store")).contains("connection refused");
        assertThat(monitor.isDown(Dependency.STORE)).isFalse();
        assertThat(monitor.isUp(Dependency.BROKER)).isTrue();
        assertThat(changes).containsExactly("STORE down", "STORE up");
    }

    @Test
    void shouldNotBeUpBeforeTheFirstProbeAnswers() {
        // When
        monitor.start();
        // Then: not yet known to work, but not judged down either (jobs keep their budget)
        assertThat(monitor.isUp(Dependency.STORE)).isFalse();
        assertThat(monitor.isDown(Dependency.STORE)).isFalse();
    }

    @Test
    void shouldNotBeUpNorDownWhenTheFirstProbeFailsOnce() {
        // Given
        monitor.start();
        // When: the first probe of the store fails, the broker's succeeds
        store.answer(false);
        broker.answer(true);
        // Then: one failure is not an outage, but the store is not known to work either
        assertThat(monitor.isUp(Dependency.STORE)).isFalse();
        assertThat(monitor.isDown(Dependency.STORE)).isFalse();
        assertThat(monitor.isUp(Dependency.BROKER)).isTrue();
        assertThat(changes).isEmpty();
    }

    @Test
    void shouldProbeAtOnceWhenAJobSuspectsTheDependencyButNotMoreThanOncePerGapNorTwiceAtOnce() {
        // Given: the first probes answered
        monitor.start();
        store.answer(true);
        broker.answer(true);
        // When: jobs suspect the store right away, then again while a probe runs, then after the gap
        monitor.suspect(Dependency.STORE);
        advance(DependencyMonitor.MIN_PROBE_GAP);
        monitor.suspect(Dependency.STORE);
        int afterFirstSuspicion = store.checks.size();
        monitor.suspect(Dependency.STORE);
        int whileInFlight = store.checks.size();
        store.answer(false);
        advance(DependencyMonitor.MIN_PROBE_GAP);
        monitor.suspect(Dependency.STORE);
        store.answer(false);
        // Then
        assertThat(afterFirstSuspicion).as("probed at once after the gap").isEqualTo(2);
        assertThat(whileInFlight).as("one probe at a time").isEqualTo(2);
        assertThat(store.checks).hasSize(3);
        assertThat(monitor.isDown(Dependency.STORE)).isTrue();
        assertThat(broker.checks).hasSize(1);
        assertThat(changes).containsExactly("STORE down");
    }

    @Test
    void shouldCountAProbeThatDoesNotAnswerInTimeAsFailed() throws Exception {
        // Given: a monitor with a short timeout, on a real single-threaded loop with real timers
        FakeProbe silent = new FakeProbe();
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        DependencyMonitor m = new DependencyMonitor(
                Map.of(Dependency.BROKER, silent),
                loop,
                (delay, task) -> loop.schedule(task, delay, TimeUnit.MILLISECONDS),
                INTERVAL,
                Duration.ofMillis(50),
                (d, up) -> seen.add(up),
                System::nanoTime);
        try {
            // When: the probe never answers
            loop.execute(m::start);
            await().atMost(Duration.ofSeconds(10)).until(() -> m.isDown(Dependency.BROKER));
            // Then
            assertThat(m.downReasons().get("broker")).contains("no answer within 50 ms");
            assertThat(seen).containsExactly(false);
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void shouldStopProbingWhenStopped() {
        // Given
        monitor.start();
        store.answer(true);
        broker.answer(true);
        // When
        monitor.stop();
        advance(INTERVAL);
        fireTimers();
        monitor.suspect(Dependency.STORE);
        // Then
        assertThat(store.checks).hasSize(1);
    }
}
