package dev.vprompt.worker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The worker's table of moves, and that concurrent callers agree on one state. */
class LifecycleTest {

    @Test
    void shouldAllowExactlyTheMovesOfTheTableWhenAskedForEveryPair() {
        // Given: the documented table
        List<String> allowed = new ArrayList<>();
        // When
        for (WorkerState from : WorkerState.values()) {
            for (WorkerState to : WorkerState.values()) {
                if (from.canMoveTo(to)) {
                    allowed.add(from + "->" + to);
                }
            }
        }
        // Then
        assertThat(allowed)
                .containsExactlyInAnyOrder(
                        "NEW->STARTING",
                        "NEW->STOPPED",
                        "STARTING->RUNNING",
                        "STARTING->FAILED",
                        "STARTING->DRAINING",
                        "RUNNING->DRAINING",
                        "RUNNING->FAILED",
                        "FAILED->DRAINING",
                        "DRAINING->STOPPED");
    }

    @Test
    void shouldBeLiveOnlyWhileStartingRunningOrDraining() {
        // When / Then
        assertThat(EnumSet.allOf(WorkerState.class).stream().filter(WorkerState::isLive))
                .containsExactlyInAnyOrder(WorkerState.STARTING, WorkerState.RUNNING, WorkerState.DRAINING);
    }

    @Test
    void shouldFollowAStartAndACloseWhenEachMoveIsAllowed() {
        // Given
        Lifecycle l = new Lifecycle();
        // When / Then
        assertThat(l.moveTo(WorkerState.RUNNING)).as("not started yet").isFalse();
        assertThat(l.moveTo(WorkerState.STARTING)).isTrue();
        assertThat(l.moveTo(WorkerState.STARTING)).as("a worker starts once").isFalse();
        assertThat(l.moveTo(WorkerState.RUNNING)).isTrue();
        assertThat(l.moveTo(WorkerState.DRAINING)).isTrue();
        assertThat(l.moveTo(WorkerState.DRAINING))
                .as("a second close does nothing")
                .isFalse();
        assertThat(l.moveTo(WorkerState.STOPPED)).isTrue();
        assertThat(l.moveTo(WorkerState.STARTING)).as("stopped is final").isFalse();
        assertThat(l.state()).isEqualTo(WorkerState.STOPPED);
    }

    @Test
    void shouldMoveOnlyFromTheExpectedStateWhenOneIsNamed() {
        // Given
        Lifecycle l = new Lifecycle();
        l.moveTo(WorkerState.STARTING);
        // When / Then
        assertThat(l.moveTo(WorkerState.NEW, WorkerState.STOPPED)).isFalse();
        assertThat(l.state()).isEqualTo(WorkerState.STARTING);
        assertThatThrownBy(() -> l.moveTo(WorkerState.RUNNING, WorkerState.STARTING))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldLetExactlyOneOfManyConcurrentClosersMoveWhenTheyRace() throws Exception {
        // Given: a running lifecycle and eight threads closing at once
        Lifecycle l = new Lifecycle();
        l.moveTo(WorkerState.STARTING);
        l.moveTo(WorkerState.RUNNING);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger winners = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (l.moveTo(WorkerState.DRAINING)) {
                    winners.incrementAndGet();
                }
            });
            t.start();
            threads.add(t);
        }
        // When
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        // Then
        assertThat(winners).hasValue(1);
        assertThat(l.state()).isEqualTo(WorkerState.DRAINING);
    }
}
