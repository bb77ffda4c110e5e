package dev.vprompt.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.lifecycle.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@WithStack
class WorkerRecoveryIT extends PipelineItBase {

    private void submit(String prefix, int n) {
        for (int i = 0; i < n; i++) {
            h.submit(h.job(prefix + i).build());
        }
        h.flush();
    }

    @Test
    void shouldCompleteEveryJobAtLeastOnceWhenAWorkerDiesMidStream() throws Exception {
        // Given: a worker that is stopped abruptly (no drain) while jobs are in flight
        int n = 120;
        submit("crash-", n);
        Worker first = startWorker("w-first", PipelineHarness.nullModel(), batch(4, 50, 64), pipeline(16));
        await().atMost(Duration.ofMinutes(1)).until(() -> h.completions.byId().size() >= 10);
        first.close(Worker.Drain.DONT_DRAIN);
        int before = h.completions.byId().size();

        // When: a new worker joins the group
        try (Worker second = startWorker("w-second", PipelineHarness.nullModel(), batch(4, 50, 64), pipeline(16))) {
            // Then: every job completed at least once, none lost, all offsets committed
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> h.completions.byId().size() == n);
            assertThat(before).isLessThan(n);
            assertThat(h.completions.byId().values())
                    .allSatisfy(c -> assertThat(c.getStatus()).isEqualTo(JobStatus.SUCCEEDED));
            assertThat(IntStream.range(0, n).filter(i -> h.resultExists("crash-" + i, "prediction.png")))
                    .hasSize(n);
            await().atMost(Duration.ofSeconds(30)).until(() -> h.committedTotal() == h.endOffsetsTotal());
        }
    }

    @Test
    void shouldWaitAndThenSucceedWithoutDeadLettersWhenS3IsUnavailableForAWhile() throws Exception {
        // Given: the worker reaches S3 through a proxy that is cut
        java.net.URI s3 = h.stack.s3Endpoint();
        try (TcpProxy proxy = new TcpProxy(s3.getHost(), s3.getPort())) {
            WorkerConfig base = h.config("w-outage", PipelineHarness.nullModel(), batch(4, 20, 64), pipeline(16));
            WorkerConfig cfg = base.toBuilder()
                    .s3(h.s3Settings("http://127.0.0.1:" + proxy.port()))
                    .build();
            try (Worker worker = new Worker(cfg).start()) {
                proxy.cut();
                int n = 20;
                submit("outage-", n);
                // When: S3 stays away for a while, then comes back
                await().pollDelay(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> true);
                assertThat(h.completions.byId()).isEmpty();
                proxy.restore();
                // Then
                await().atMost(Duration.ofMinutes(2))
                        .until(() -> h.completions.byId().size() == n);
                assertThat(h.completions.byId().values())
                        .allSatisfy(c -> assertThat(c.getStatus()).isEqualTo(JobStatus.SUCCEEDED));
                assertThat(h.deadLetters.all()).isEmpty();
                await().atMost(Duration.ofSeconds(30)).until(() -> h.committedTotal() == h.endOffsetsTotal());
            }
        }
    }

    @Test
    void shouldReportTheStoreDownAndHoldIntakeWhileS3IsCutAndResumeAfterEvenWhenEveryBucketIsAllowed()
            throws Exception {
        // Given: a worker that may use any bucket ("*": no bucket to probe) reaches S3 through a proxy
        java.net.URI s3 = h.stack.s3Endpoint();
        HttpClient http = HttpClient.newHttpClient();
        try (TcpProxy proxy = new TcpProxy(s3.getHost(), s3.getPort())) {
            WorkerConfig config = h.config("w-any-bucket", PipelineHarness.nullModel(), batch(4, 20, 64), pipeline(16));
            WorkerConfig cfg = config.toBuilder()
                    .s3(h.s3Settings("http://127.0.0.1:" + proxy.port()).toBuilder()
                            .allowedBuckets(Set.of("*"))
                            .build())
                    .build();
            try (Worker worker = new Worker(cfg).start()) {
                String ops = "http://127.0.0.1:" + worker.httpPort();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> get(http, ops + "/health/ready").statusCode() == 200);
                // When: S3 goes away
                proxy.cut();
                // Then: readiness names the store
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> get(http, ops + "/health/ready").statusCode() == 503);
                assertThat(get(http, ops + "/health/ready").body()).contains("\"store\":\"DOWN\"");
                assertThat(get(http, ops + "/health/live").statusCode()).isEqualTo(200);
                // and jobs wait, neither failed nor dead-lettered, while intake is held
                int n = 10;
                submit("held-", n);
                await().atMost(Duration.ofSeconds(30)).until(() -> pausedPartitions(http, ops) > 0);
                assertThat(h.completions.byId()).isEmpty();
                // When: S3 comes back
                proxy.restore();
                // Then
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> get(http, ops + "/health/ready").statusCode() == 200);
                await().atMost(Duration.ofMinutes(1))
                        .until(() -> h.completions.byId().size() == n);
                assertThat(h.completions.byId().values())
                        .allSatisfy(c -> assertThat(c.getStatus()).isEqualTo(JobStatus.SUCCEEDED));
                assertThat(h.deadLetters.all()).isEmpty();
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The worker's {@code vp_partitions_paused} gauge. */
    private static double pausedPartitions(HttpClient http, String base) throws Exception {
        return get(http, base + "/metrics")
                .body()
                .lines()
                .filter(l -> l.startsWith("vp_partitions_paused "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }

    @Test
    void shouldFinishInFlightJobsAndCommitThemWhenClosedGracefully() throws Exception {
        // Given: a worker busy with jobs
        int n = 60;
        submit("drain-", n);
        Worker worker = startWorker("w-drain", PipelineHarness.nullModel(), batch(4, 100, 64), pipeline(32));
        await().atMost(Duration.ofMinutes(1)).until(() -> !h.completions.byId().isEmpty());
        // When
        worker.close(Worker.Drain.DRAIN);
        // Then: whatever was taken in is published and committed; the rest is left for the next worker
        int completed = h.completions.byId().size();
        await().atMost(Duration.ofSeconds(30)).until(() -> h.committedTotal() >= completed);
        assertThat(h.committedTotal()).isEqualTo(completed);
        assertThat(h.deadLetters.all()).isEmpty();
    }
}
