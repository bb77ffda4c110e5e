package dev.vprompt.cli.chaos;

import dev.vprompt.client.Connection;
import dev.vprompt.client.VpClientException;
import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.OutputObject;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.schemas.codec.EventDecodeException;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what a pipeline delivered: reads every completion event and dead letter from the beginning
 * ({@code read_committed}), the worker group's committed offsets against the jobs topic's end offsets, and checks
 * that the output objects of succeeded jobs exist. The arithmetic is {@link DeliveryTally}'s.
 *
 * <p>Thread-safe: one Admin client, created on first use, is shared by the calls (it is thread-safe); the topic
 * readers and the S3 client are opened per call.
 */
final class DeliveryCounter implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(DeliveryCounter.class);
    private static final int STAT_THREADS = 8;

    private final Connection connection;
    private final String groupId;
    private final Duration timeout;
    private Admin admin;

    DeliveryCounter(Connection connection, String groupId, Duration timeout) {
        this.connection = connection;
        this.groupId = groupId;
        this.timeout = timeout;
    }

    /** Committed offsets of the group and end offsets of the jobs topic, per partition, read now. */
    record Offsets(Map<Integer, Long> committed, Map<Integer, Long> end) {

        long uncommitted() {
            long sum = 0;
            for (Map.Entry<Integer, Long> e : end.entrySet()) {
                sum += Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L));
            }
            return sum;
        }

        boolean caughtUp() {
            return uncommitted() == 0;
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(connection.adminProperties("vp-chaos-offsets-" + UUID.randomUUID()));
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    Offsets offsets() {
        Admin admin = admin();
        try {
            Map<TopicPartition, OffsetAndMetadata> group = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get();
            int partitions = admin.describeTopics(List.of(connection.jobsTopic()))
                    .allTopicNames()
                    .get()
                    .get(connection.jobsTopic())
                    .partitions()
                    .size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(connection.jobsTopic(), p), OffsetSpec.latest());
            }
            Map<Integer, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, r) -> end.put(tp.partition(), r.offset()));
            Map<Integer, Long> committed = new HashMap<>();
            group.forEach((tp, o) -> {
                if (o != null && tp.topic().equals(connection.jobsTopic())) {
                    committed.put(tp.partition(), o.offset());
                }
            });
            return new Offsets(committed, end);
        } catch (ExecutionException e) {
            throw new VpClientException("cannot read offsets at " + connection.bootstrap() + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VpClientException("interrupted while reading offsets", e);
        }
    }

    /** The job ids (record keys) in the jobs topic: what was submitted, when no list of it was kept. */
    Set<String> jobIdsInJobsTopic() {
        Set<String> ids = new LinkedHashSet<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(connection, connection.jobsTopic(), timeout)) {
            if (r.key() != null) {
                ids.add(r.key());
            }
        }
        return ids;
    }

    /** Records of the jobs topic that repeat a submitted job ({@link DeliveryTally#repeatedRecords}). */
    int repeatedJobRecords(Collection<String> submitted) {
        List<String> keys = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(connection, connection.jobsTopic(), timeout)) {
            keys.add(r.key());
        }
        return DeliveryTally.repeatedRecords(submitted, keys);
    }

    DeliveryTally count(Collection<String> submitted, boolean checkResults) {
        EventCodecs.trustGeneratedClasses();
        List<DeliveryTally.Outcome> outcomes = new ArrayList<>();
        Map<String, List<OutputObject>> outputs = new HashMap<>();
        int undecodable = 0;
        for (ConsumerRecord<String, byte[]> r :
                TopicReader.readAll(connection, connection.completionsTopic(), timeout)) {
            try {
                PromptCompleted event = EventCodecs.promptCompleted().decode(r.value());
                boolean ok = event.getStatus() == JobStatus.SUCCEEDED;
                outcomes.add(new DeliveryTally.Outcome(event.getJobId(), ok));
                if (ok) {
                    outputs.put(event.getJobId(), event.getOutputs());
                }
            } catch (EventDecodeException | RuntimeException e) {
                undecodable++;
            }
        }
        List<String> codes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r :
                TopicReader.readAll(connection, connection.deadLetterTopic(), timeout)) {
            try {
                DeadLetter d = EventCodecs.deadLetter().decode(r.value());
                codes.add(d.getErrorCode());
            } catch (EventDecodeException | RuntimeException e) {
                codes.add("UNDECODABLE_DEAD_LETTER");
            }
        }
        if (undecodable > 0) {
            LOGGER.warn("completion events that could not be decoded: count={}", undecodable);
        }
        Offsets offsets = offsets();
        Set<String> withResults = checkResults ? present(outputs) : new HashSet<>();
        return DeliveryTally.count(submitted, outcomes, codes, offsets.committed(), offsets.end(), withResults);
    }

    /** The jobs whose every output object exists (a HEAD each, a few in parallel). */
    private Set<String> present(Map<String, List<OutputObject>> outputs) {
        Set<String> found = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(STAT_THREADS, r -> {
            Thread t = new Thread(r, "vp-chaos-stat");
            t.setDaemon(true);
            return t;
        });
        try (S3ClientFactory s3 = connection.s3()) {
            MinioClient client = s3.client();
            List<Future<?>> checks = new ArrayList<>();
            outputs.forEach((jobId, objects) -> checks.add(pool.submit(() -> {
                if (!objects.isEmpty() && objects.stream().allMatch(o -> exists(client, o))) {
                    found.add(jobId);
                }
            })));
            for (Future<?> f : checks) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new VpClientException("cannot check result objects: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VpClientException("interrupted while checking result objects", e);
        } finally {
            pool.shutdownNow();
        }
        return found;
    }

    private static boolean exists(MinioClient client, OutputObject o) {
        try {
            client.statObject(StatObjectArgs.builder()
                    .bucket(o.getRef().getBucket())
                    .object(o.getRef().getKey())
                    .build());
            return true;
        } catch (ErrorResponseException e) {
            return false;
        } catch (Exception e) {
            throw new VpClientException(
                    "cannot stat " + o.getRef().getBucket() + "/" + o.getRef().getKey() + ": " + e.getMessage(), e);
        }
    }
}
