package dev.vprompt.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.worker.config.ModelSettings;
import dev.vprompt.worker.lifecycle.Worker;
import dev.vprompt.worker.metrics.WorkerMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two CPU "devices" in one worker: two inference threads, two copies of the random model, one batcher, through the
 * real broker and S3 server.
 */
@WithStack
class MultiDeviceIT extends PipelineItBase {

    private static final int JOBS = 16;
    private static final int BATCH = 4;
    private static final int QUERIES = 8;

    @Test
    void shouldRunBatchesOnBothDevicesDrainBothAndPublishTheBytesOfAOneDeviceRunWhenTwoCpuDevicesShareTheBatcher()
            throws Exception {
        // Given: distinct queries; batches of 4 that close by size only (the jobs wait in the topic, the delay is
        // long), one intra-op thread per device: libtorch's last bits depend on batch size and thread count, so both
        // runs give the model the same of each
        for (int q = 0; q < QUERIES; q++) {
            h.put("q" + q + ".png", PngCodec.encode(PipelineHarness.Shapes.photo(60 + 7 * q, 90 - 3 * q, q % 3)));
        }
        submit("two-");

        // When: two devices; the worker is closed while batches are still running
        int inFlightAtClose;
        double busy0;
        double busy1;
        try (Worker worker =
                startWorker("w-two", model(List.of("cpu", "cpu")), batch(BATCH, 30_000, 64), pipeline(32))) {
            await().atMost(Duration.ofMinutes(3))
                    .until(() -> !h.completions.byId().isEmpty());
            inFlightAtClose = (int) gauge(worker, WorkerMetrics.IN_FLIGHT);
            worker.close();
            busy0 = busySeconds(worker, "cpu#0");
            busy1 = busySeconds(worker, "cpu#1");
        }

        // Then: both devices ran batches; the drain finished every job either device or the batcher held
        assertThat(inFlightAtClose).isPositive();
        assertThat(busy0).isPositive();
        assertThat(busy1).isPositive();
        await().atMost(Duration.ofSeconds(30)).until(() -> completed("two-") == JOBS);
        await().atMost(Duration.ofSeconds(30)).until(() -> h.committedTotal() == h.endOffsetsTotal());
        assertThat(h.deadLetters.all()).isEmpty();

        // When: the same jobs on one device
        submit("one-");
        try (Worker worker = startWorker("w-one", model(List.of("cpu")), batch(BATCH, 30_000, 64), pipeline(32))) {
            await().atMost(Duration.ofMinutes(3)).until(() -> completed("one-") == JOBS);
        }

        // Then: every job in batches of 4 in both runs, and the same result bytes
        for (int i = 0; i < JOBS; i++) {
            for (String prefix : List.of("two-", "one-")) {
                PromptCompleted c = h.completions.byId().get(prefix + i);
                assertThat(c.getStatus()).as(prefix + i).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(c.getBatch().getSize()).as("batch of " + prefix + i).isEqualTo(BATCH);
            }
            for (String object : List.of("prediction.png", "mask.png")) {
                assertThat(h.result("two-" + i, object))
                        .as(object + " of job " + i)
                        .isEqualTo(h.result("one-" + i, object));
            }
        }
    }

    /** The random model (fixed seed) on {@code devices}, one intra-op thread each. */
    private static ModelSettings model(List<String> devices) {
        return ModelSettings.builder().devices(devices).intraOpThreads(1).build();
    }

    private void submit(String prefix) {
        for (int i = 0; i < JOBS; i++) {
            h.submit(h.job(prefix + i)
                    .setQuery(h.ref("q" + (i % QUERIES) + ".png"))
                    .build());
        }
        h.flush();
    }

    private long completed(String prefix) {
        return h.completions.byId().keySet().stream()
                .filter(id -> id.startsWith(prefix))
                .count();
    }

    private static double gauge(Worker worker, String name) {
        Gauge g = worker.metrics().registry().find(name).gauge();
        return g == null ? 0 : g.value();
    }

    private static double busySeconds(Worker worker, String device) {
        FunctionCounter c = worker.metrics()
                .registry()
                .find(WorkerMetrics.DEVICE_BUSY)
                .tag("device", device)
                .functionCounter();
        return c == null ? 0 : c.count();
    }
}
