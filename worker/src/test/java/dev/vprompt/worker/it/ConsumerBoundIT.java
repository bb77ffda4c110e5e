package dev.vprompt.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.worker.config.KafkaSettings;
import dev.vprompt.worker.internal.flow.IntakeGate;
import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.ingest.JobSink;
import dev.vprompt.worker.internal.ingest.KafkaJobSource;
import dev.vprompt.worker.internal.ingest.OffsetTracker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The consumer never holds more records than the in-flight bound, against the real broker, even when the flow's
 * event loop lags behind the consumer thread: it takes no new poll while its last one has not reached the flow, and
 * the intake gate pauses before a poll could pass the bound.
 */
@WithStack
class ConsumerBoundIT extends PipelineItBase {

    private static final int MAX_IN_FLIGHT = 8;
    private static final int MAX_POLL_RECORDS = 4;

    @Test
    void shouldHoldAtMostTheInFlightBoundWhenTheEventLoopLagsAndNoJobFinishes() throws Exception {
        // Given: 60 jobs waiting; an event loop that is stuck for the first seconds; jobs that never finish
        for (int i = 0; i < 60; i++) {
            h.send("job-" + i, ("job " + i).getBytes(StandardCharsets.UTF_8), Map.of());
        }
        h.flush();
        CountDownLatch stuck = new CountDownLatch(1);
        ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "lagging-loop"));
        loop.execute(() -> {
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        OffsetTracker tracker = new OffsetTracker();
        KafkaSettings kafka = KafkaSettings.builder()
                .bootstrapServers(h.stack.kafkaBootstrap())
                .topics(h.jobsTopic, h.completionsTopic, h.deadLetterTopic)
                .groupId(h.groupId)
                .maxPollRecords(MAX_POLL_RECORDS)
                .build();
        AtomicInteger delivered = new AtomicInteger();
        try (KafkaJobSource source = new KafkaJobSource(kafka, tracker, loop)) {
            IntakeGate gate = new IntakeGate(source, MAX_IN_FLIGHT, MAX_POLL_RECORDS);
            gate.open(
                    new JobSink() { // before any record can arrive, so here rather than on the stuck loop
                        @Override
                        public void onRecords(List<JobRecord> records) {
                            delivered.addAndGet(records.size());
                        }

                        @Override
                        public void onPartitionsGone(Collection<TopicPartition> partitions) {}
                    });

            // When: the consumer runs while the loop is stuck
            await().atMost(Duration.ofSeconds(30)).until(() -> tracker.pendingCount() > 0);

            // Then: it holds one poll, and takes no other while that one has not reached the loop
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> tracker.pendingCount() <= MAX_POLL_RECORDS);
            assertThat(delivered.get()).isZero();
            // When: the loop runs again
            stuck.countDown();
            // Then: exactly the bound is taken in, and no more while nothing finishes
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered.get() == MAX_IN_FLIGHT);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> tracker.pendingCount() == MAX_IN_FLIGHT && delivered.get() == MAX_IN_FLIGHT);
        } finally {
            loop.shutdownNow();
            loop.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
