package dev.vprompt.client;

import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.codec.EventCodec;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.schemas.codec.EventDecodeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code PromptCompleted} events from the completions topic without a consumer group: it assigns every
 * partition and fixes its start offsets when it opens. Open it <em>before</em> submitting with {@link
 * StartPosition#end()} and no completion of the submitted jobs can be missed, however fast the worker is.
 *
 * <pre>{@code
 * try (CompletionWatcher watcher = CompletionWatcher.open(connection, StartPosition.end())) {
 *     List<String> ids = submitter.submitAll(jobs);
 *     AwaitResult r = watcher.awaitJobs(ids, Duration.ofMinutes(5), c -> progress.step());
 * }
 * }</pre>
 *
 * <p>Not thread-safe: confine to one thread (the Kafka consumer it owns is single-threaded).
 */
public final class CompletionWatcher implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(CompletionWatcher.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec<PromptCompleted> codec = EventCodecs.promptCompleted();

    private CompletionWatcher(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    /**
     * Assigns every partition of the completions topic and fixes the start offsets now.
     *
     * @throws VpClientException when Kafka is unreachable or the topic does not exist
     */
    public static CompletionWatcher open(Connection c, StartPosition from) {
        EventCodecs.trustGeneratedClasses();
        String topic = c.completionsTopic();
        int partitions = KafkaCheck.requireTopics(c, topic).get(topic);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                c.consumerProperties("vp-watch-" + UUID.randomUUID()),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        try {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(topic, p));
            }
            consumer.assign(tps);
            seek(consumer, tps, from);
            return new CompletionWatcher(consumer);
        } catch (KafkaException e) {
            consumer.close(Duration.ZERO);
            throw JobSubmitter.kafkaFailure(c, topic, e);
        }
    }

    private static void seek(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> tps, StartPosition from) {
        Map<TopicPartition, Long> end = consumer.endOffsets(tps);
        Map<TopicPartition, Long> start = new LinkedHashMap<>(end);
        if (from.kind() == StartPosition.Kind.BEGINNING) {
            start.putAll(consumer.beginningOffsets(tps));
        } else if (from.kind() == StartPosition.Kind.TIME) {
            Map<TopicPartition, Long> query = new LinkedHashMap<>();
            tps.forEach(tp -> query.put(tp, from.since().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            found.forEach((tp, o) -> {
                if (o != null) {
                    start.put(tp, o.offset());
                }
            });
        }
        start.forEach(consumer::seek);
        LOGGER.debug("completions watcher positioned: from={} offsets={}", from.kind(), start);
    }

    /** The completions that arrive within {@code max} (possibly none). */
    public List<Completion> poll(Duration max) {
        List<Completion> out = new ArrayList<>();
        var records = consumer.poll(max);
        long nanos = System.nanoTime();
        Instant now = Instant.now();
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                out.add(new Completion(codec.decode(r.value()), nanos, now));
            } catch (EventDecodeException e) {
                LOGGER.warn(
                        "skipping an undecodable completion event: partition={} offset={} reason={}",
                        r.partition(),
                        r.offset(),
                        e.getMessage());
            }
        }
        return out;
    }

    /**
     * Waits until every job in {@code jobIds} completed or {@code timeout} passed. Other jobs' completions are
     * skipped; a job that completes twice (redelivery) counts once.
     *
     * @param onEach called on this thread for each awaited job's first completion
     */
    public AwaitResult awaitJobs(Collection<String> jobIds, Duration timeout, Consumer<Completion> onEach) {
        Set<String> missing = new LinkedHashSet<>(jobIds);
        Map<String, Completion> got = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            for (Completion c : poll(nextPoll(deadline))) {
                if (missing.remove(c.jobId())) {
                    got.put(c.jobId(), c);
                    onEach.accept(c);
                }
            }
        }
        return new AwaitResult(new ArrayList<>(got.values()), missing, !missing.isEmpty());
    }

    /**
     * Waits for the next {@code count} completions of distinct jobs, or until {@code timeout} passed.
     *
     * @param onEach called on this thread for each completion counted
     */
    public AwaitResult awaitCount(int count, Duration timeout, Consumer<Completion> onEach) {
        Map<String, Completion> got = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (got.size() < count && System.nanoTime() < deadline) {
            for (Completion c : poll(nextPoll(deadline))) {
                if (got.size() < count && got.putIfAbsent(c.jobId(), c) == null) {
                    onEach.accept(c);
                }
            }
        }
        return new AwaitResult(new ArrayList<>(got.values()), Set.of(), got.size() < count);
    }

    private static Duration nextPoll(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        return Duration.ofNanos(Math.max(0, Math.min(left, POLL.toNanos())));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
