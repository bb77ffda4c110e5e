package dev.vprompt.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.worker.config.KafkaSettings;
import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.lifecycle.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code kafka.delivery: exactly-once} against the real broker and S3: a job's completion event (or FAILED event and
 * dead letter) and its offset commit in one transaction, so a {@code read_committed} reader sees each job once, also
 * when a worker stops abruptly or is fenced by a successor with its transactional id.
 */
@WithStack
class ExactlyOnceIT extends PipelineItBase {

    private Worker start(String workerId, String transactionalId) throws Exception {
        WorkerConfig base = h.config(workerId, PipelineHarness.nullModel(), batch(4, 50, 64), pipeline(16));
        KafkaSettings kafka = base.kafka().toBuilder()
                .delivery(KafkaSettings.DELIVERY_EXACTLY_ONCE)
                .transactionalId(transactionalId)
                .build();
        return new Worker(base.toBuilder().kafka(kafka).build()).start();
    }

    private void submit(String prefix, int from, int to) {
        for (int i = from; i < to; i++) {
            h.submit(h.job(prefix + i).build());
        }
        h.flush();
    }

    /** Completion events seen more than once, by jobId. */
    private Map<String, Long> duplicates() {
        return h.completions.all().stream()
                .collect(Collectors.groupingBy(PromptCompleted::getJobId, Collectors.counting()))
                .entrySet()
                .stream()
                .filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void shouldPublishEachJobsEventsOnceInTransactionsWithTheirOffsetsWhenDeliveryIsExactlyOnce() throws Exception {
        // Given: good jobs and one record that can never succeed
        int n = 60;
        submit("eos-", 0, n);
        h.send("garbage", "not avro".getBytes(StandardCharsets.UTF_8), Map.of());
        h.flush();
        // When
        try (Worker worker = start("w-eos", null)) {
            // Then: every job once, the bad record as FAILED + dead letter, every offset committed
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> h.completions.byId().size() == n + 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> h.deadLetters.all().size() == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> h.committedTotal() == h.endOffsetsTotal());
            assertThat(h.completions.all()).hasSize(n + 1);
            assertThat(h.completions.byId().get("garbage").getStatus()).isEqualTo(JobStatus.FAILED);
            assertThat(h.completions.byId().values().stream().filter(c -> c.getStatus() == JobStatus.SUCCEEDED))
                    .hasSize(n);
            // transactions write a commit marker into each partition they touched: it takes an offset
            assertThat(h.endOffsetsTotal(h.completionsTopic)).isGreaterThan(n + 1L);
            assertThat(worker.metrics().scrape())
                    .containsPattern("vp_transactions_total\\{outcome=\"committed\"[^}]*} [1-9]");
        }
    }

    @Test
    void shouldPublishNoJobTwiceWhenAWorkerStopsAbruptlyAndAnotherTakesOver() throws Exception {
        // Given: a worker stopped without draining while jobs are in flight
        int n = 120;
        submit("stop-", 0, n);
        Worker first = start("w-first", null);
        await().atMost(Duration.ofMinutes(1)).until(() -> h.completions.byId().size() >= 10);
        first.close(Worker.Drain.DONT_DRAIN);
        int before = h.completions.byId().size();

        // When: another worker takes over its partitions
        try (Worker second = start("w-second", null)) {
            // Then: every job exactly once
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> h.completions.byId().size() == n);
            await().atMost(Duration.ofSeconds(30)).until(() -> h.committedTotal() == h.endOffsetsTotal());
            assertThat(before).isLessThan(n);
            assertThat(duplicates()).isEmpty();
            assertThat(h.completions.all()).hasSize(n);
            assertThat(h.deadLetters.all()).isEmpty();
        }
    }

    @Test
    void shouldStopTheOlderWorkerAndPublishNothingTwiceWhenANewerOneStartsWithItsTransactionalId() throws Exception {
        // Given: a worker with a transactional id, busy
        int n = 120;
        submit("fence-", 0, n / 2);
        Worker older = start("w-older", "tx-shared");
        try {
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> h.completions.byId().size() >= 5);

            // When: a second worker starts with the same transactional id (a restarted pod whose predecessor lives on)
            try (Worker newer = start("w-newer", "tx-shared")) {
                submit("fence-", n / 2, n);

                // Then: the older one is fenced and stops; every job completes exactly once
                String why = older.whenFailed().get(2, java.util.concurrent.TimeUnit.MINUTES);
                assertThat(why).contains("job consumer");
                await().atMost(Duration.ofMinutes(2))
                        .until(() -> h.completions.byId().size() == n);
                await().atMost(Duration.ofSeconds(30)).until(() -> h.committedTotal() == h.endOffsetsTotal());
                assertThat(duplicates()).isEmpty();
                assertThat(h.completions.all()).hasSize(n);
                assertThat(List.copyOf(h.completions.byId().values()))
                        .allSatisfy(c -> assertThat(c.getStatus()).isEqualTo(JobStatus.SUCCEEDED));
            }
        } finally {
            older.close(Worker.Drain.DONT_DRAIN);
        }
    }
}
