package dev.vprompt.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** libtorch's intra-op thread count is per thread: what one inference thread sets does not reach another. */
class EngineThreadsTest {

    @Test
    void shouldKeepEachThreadsCountWhenAnotherThreadSetsADifferentOne() throws Exception {
        // Given: this thread runs with one intra-op thread
        int before = EngineThreads.intraOpThreads();
        try {
            EngineThreads.setIntraOpThreads(1);
            AtomicInteger seenThere = new AtomicInteger();

            // When: another thread sets two for itself
            Thread other = new Thread(() -> {
                EngineThreads.setIntraOpThreads(2);
                seenThere.set(EngineThreads.intraOpThreads());
            });
            other.start();
            other.join();

            // Then
            assertThat(seenThere.get()).isEqualTo(2);
            assertThat(EngineThreads.intraOpThreads()).isEqualTo(1);
        } finally {
            EngineThreads.setIntraOpThreads(before);
        }
    }

    @Test
    void shouldRefuseACountBelowOneWhenSet() {
        assertThatThrownBy(() -> EngineThreads.setIntraOpThreads(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
