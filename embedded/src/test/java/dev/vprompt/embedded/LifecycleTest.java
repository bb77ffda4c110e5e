package dev.vprompt.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void shouldLetExactlyOneCallerCloseWhenManyRace() throws Exception {
        // Given
        Lifecycle lifecycle = new Lifecycle();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> closers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            closers.add(lifecycle::beginClose);
        }

        // When
        int winners = 0;
        try {
            for (Future<Boolean> f : pool.invokeAll(closers)) {
                winners += f.get() ? 1 : 0;
            }
        } finally {
            pool.shutdown();
        }

        // Then
        assertThat(winners).isEqualTo(1);
        assertThat(lifecycle.state()).isEqualTo(Lifecycle.State.CLOSING);
    }

    @Test
    void shouldRefuseWorkWhenClosed() {
        // Given
        Lifecycle lifecycle = new Lifecycle();
        lifecycle.beginClose();
        lifecycle.closed();

        // When / Then
        assertThatThrownBy(() -> lifecycle.requireRunning("server"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("server is closed");
    }
}
