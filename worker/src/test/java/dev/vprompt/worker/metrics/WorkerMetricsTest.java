package dev.vprompt.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Function-backed meters keep reporting after their suppliers' only holder is the registry. */
class WorkerMetricsTest {

    @Test
    void shouldKeepReportingFunctionCountersWhenOnlyTheRegistryHoldsTheirSuppliers() throws Exception {
        // Given: counters whose suppliers are lambdas nobody else references
        WorkerMetrics metrics = new WorkerMetrics();
        AtomicLong busyNanos = new AtomicLong(2_500_000_000L);
        metrics.deviceBusy("cpu", () -> busyNanos.get() / 1e9);
        AtomicLong hits = new AtomicLong(7);
        AtomicLong misses = new AtomicLong(3);
        metrics.exampleCache(hits::get, misses::get, () -> 1024); // capturing suppliers, as in production
        // When: the collector runs (a weakly held supplier would be gone afterwards)
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        busyNanos.addAndGet(500_000_000L);
        // Then
        assertThat(metrics.deviceBusySeconds()).isEqualTo(3.0);
        assertThat(metrics.scrape())
                .contains("vp_device_busy_seconds_total{device=\"cpu\"} 3.0")
                .contains("vp_example_cache_hits_total 7.0")
                .contains("vp_example_cache_misses_total 3.0");
    }

    @Test
    void shouldExportJvmThreadsAndLiveNdArraysWhenScraped() {
        // Given
        WorkerMetrics metrics = new WorkerMetrics();
        AtomicLong arrays = new AtomicLong(42);
        metrics.liveArrays("cpu", arrays::get);
        // When
        arrays.set(43);
        String text = metrics.scrape();
        // Then: what a soak test watches for growth
        assertThat(text)
                .contains("vp_ndarrays_live{device=\"cpu\"} 43.0")
                .containsPattern("(?m)^jvm_threads_live_threads [1-9]")
                .contains("jvm_memory_used_bytes{");
    }
}
