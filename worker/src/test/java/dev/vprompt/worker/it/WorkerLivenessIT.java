package dev.vprompt.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.lifecycle.Worker;
import dev.vprompt.worker.lifecycle.WorkerState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker whose consumer thread or producer I/O thread dies stops taking or publishing jobs for good; it must say so
 * (liveness fails, the worker is FAILED) so that whatever runs it restarts it, instead of looking healthy.
 */
@WithStack
class WorkerLivenessIT extends PipelineItBase {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void disarm() {
        ThreadKiller.disarm();
    }

    private Worker startWorkerWithThreadKiller(String workerId) throws Exception {
        WorkerConfig base = h.config(workerId, PipelineHarness.nullModel(), batch(4, 20, 64), pipeline(16));
        WorkerConfig cfg = base.toBuilder()
                .kafka(base.kafka().toBuilder()
                        .clientProperties(Map.of("interceptor.classes", ThreadKiller.class.getName()))
                        .build())
                .build();
        return new Worker(cfg).start();
    }

    private int status(Worker worker, String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.httpPort() + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void shouldStopBeingLiveAndEndFailedWhenTheConsumerThreadDies() throws Exception {
        try (Worker worker = startWorkerWithThreadKiller("w-consumer-dies")) {
            assertThat(status(worker, "/health/live")).isEqualTo(200);
            // When: an Error ends the consumer thread at its next poll with records
            ThreadKiller.consumer = true;
            h.submit(h.job("wakes-the-consumer").build());
            h.flush();
            // Then
            await().atMost(PATIENCE).until(() -> status(worker, "/health/live") == 503);
            await().atMost(PATIENCE).until(() -> worker.state() == WorkerState.FAILED);
            assertThat(worker.whenFailed()).isCompletedWithValueMatching(r -> r.contains("consumer"));
            assertThat(status(worker, "/health/ready")).isEqualTo(503);
        }
    }

    @Test
    void shouldStopBeingLiveAndEndFailedWhenTheProducersIoThreadDies() throws Exception {
        try (Worker worker = startWorkerWithThreadKiller("w-producer-dies")) {
            // When: an Error ends the producer's I/O thread when the first completion is acknowledged
            ThreadKiller.producer = true;
            h.submit(h.job("its-completion-kills-the-sender").build());
            h.flush();
            // Then
            await().atMost(PATIENCE).until(() -> status(worker, "/health/live") == 503);
            await().atMost(PATIENCE).until(() -> worker.state() == WorkerState.FAILED);
            assertThat(worker.whenFailed()).isCompletedWithValueMatching(r -> r.contains("producer"));
        }
    }
}
