package dev.vprompt.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.embedded.junit.WithStack;
import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.worker.config.KafkaSettings;
import dev.vprompt.worker.config.PipelineSettings;
import dev.vprompt.worker.config.WorkerConfig;
import dev.vprompt.worker.lifecycle.Worker;
import dev.vprompt.worker.metrics.WorkerMetrics;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workers in share mode ({@code kafka.consumerMode: share}) against the embedded broker's share groups. */
@WithStack
class ShareGroupIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private PipelineHarness h;

    @BeforeEach
    void createHarness(StackEndpoints stack) throws Exception {
        h = new PipelineHarness(stack, 1);
    }

    @AfterEach
    void closeHarness() throws Exception {
        h.close();
    }

    @Test
    void shouldKeepThreeWorkersBusyOnOnePartitionAndCompleteEveryJobWhenTheyShareAGroup() throws Exception {
        // Given: three share-mode workers on a one-partition topic, each taking at most two records at a time
        int n = 90;
        List<Worker> workers = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                workers.add(new Worker(shareConfig("w-share-" + i, 2)).start());
            }
            for (Worker w : workers) {
                await().atMost(WAIT).until(() -> ready(w));
            }

            // When
            for (int i = 0; i < n; i++) {
                h.submit(h.job("share-" + i).build());
            }
            h.flush();

            // Then: every job completed (once or more, none lost), and each of the three workers ran batches
            await().atMost(WAIT).until(() -> h.completions.byId().size() >= n);
            Set<String> ids =
                    h.completions.all().stream().map(PromptCompleted::getJobId).collect(Collectors.toSet());
            assertThat(ids).hasSize(n);
            assertThat(h.completions.all()).allMatch(c -> c.getStatus() == JobStatus.SUCCEEDED);
            for (Worker w : workers) {
                assertThat(succeeded(w)).as("jobs completed by one worker").isPositive();
                assertThat(w.metrics().batches())
                        .as("batches run by one worker")
                        .isPositive();
            }
            assertThat(workers.stream().mapToDouble(ShareGroupIT::succeeded).sum())
                    .isGreaterThanOrEqualTo(n);
        } finally {
            workers.forEach(Worker::close);
        }
    }

    @Test
    void shouldDeadLetterARecordOnItsLastAllowedDeliveryWhenEarlierDeliveriesWereReleased() throws Exception {
        // Given: a share group that allows two deliveries, and a first delivery that another member released
        setGroupConfig(Map.of("share.delivery.count.limit", "2", "share.auto.offset.reset", "earliest"));
        h.submit(h.job("twice-delivered").build());
        h.flush();
        releaseOnce();

        // When: a worker gets the record on its second (last) delivery
        try (Worker worker = new Worker(shareConfig("w-limit", 8)).start()) {

            // Then: FAILED with DELIVERY_LIMIT and dead-lettered, not run; the record is not delivered again
            await().atMost(WAIT).until(() -> h.completions.byId().containsKey("twice-delivered"));
            PromptCompleted done = h.completions.byId().get("twice-delivered");
            assertThat(done.getStatus()).isEqualTo(JobStatus.FAILED);
            assertThat(done.getError().getCode()).isEqualTo("DELIVERY_LIMIT");
            await().atMost(WAIT).until(() -> !h.deadLetters.all().isEmpty());
            DeadLetter dead = h.deadLetters.all().get(0);
            assertThat(dead.getErrorCode()).isEqualTo("DELIVERY_LIMIT");
            assertThat(h.resultExists("twice-delivered", "mask.png")).isFalse();
            h.submit(h.job("after").build());
            h.flush();
            await().atMost(WAIT).until(() -> h.completions.byId().containsKey("after"));
            assertThat(h.completions.all().stream().filter(c -> c.getJobId().equals("twice-delivered")))
                    .hasSize(1);
        }
    }

    private WorkerConfig shareConfig(String workerId, int maxPollRecords) {
        PipelineSettings pipeline = PipelineSettings.builder()
                .maxInFlight(maxPollRecords)
                .prepareThreads(2)
                .maxImagePixels(PipelineItBase.MAX_IMAGE_PIXELS)
                .drainTimeout(Duration.ofSeconds(30))
                .retryBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .build();
        WorkerConfig base =
                h.config(workerId, PipelineHarness.nullModel(), PipelineItBase.batch(4, 20, 1024), pipeline);
        return base.toBuilder()
                .kafka(base.kafka().toBuilder()
                        .consumerMode(KafkaSettings.CONSUMER_MODE_SHARE)
                        .maxPollRecords(maxPollRecords)
                        .build())
                .build();
    }

    private static boolean ready(Worker w) throws Exception {
        HttpResponse<Void> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + w.httpPort() + "/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        return r.statusCode() == 200;
    }

    private static double succeeded(Worker w) {
        Counter c = w.metrics()
                .registry()
                .find(WorkerMetrics.JOBS)
                .tag("status", "SUCCEEDED")
                .counter();
        return c == null ? 0 : c.count();
    }

    private void setGroupConfig(Map<String, String> values) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, h.stack.kafkaBootstrap()))) {
            ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, h.groupId);
            List<AlterConfigOp> ops = values.entrySet().stream()
                    .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                    .toList();
            admin.incrementalAlterConfigs(Map.of(group, ops)).all().get();
        }
    }

    /** Another member of the group takes the one record and releases it: its first delivery. */
    private void releaseOnce() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, h.stack.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, h.groupId);
        p.put("share.acknowledgement.mode", "explicit");
        try (KafkaShareConsumer<byte[], byte[]> c =
                new KafkaShareConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(h.jobsTopic));
            List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(got::add);
                return !got.isEmpty();
            });
            got.forEach(r -> c.acknowledge(r, AcknowledgeType.RELEASE));
            c.commitSync(Duration.ofSeconds(10));
        }
    }
}
