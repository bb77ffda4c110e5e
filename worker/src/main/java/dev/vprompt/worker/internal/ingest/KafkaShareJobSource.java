package dev.vprompt.worker.internal.ingest;

import dev.vprompt.worker.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes prompt jobs from a Kafka share group (KIP-932): any number of workers read the same partitions, the broker
 * hands each record to one of them under an acquisition lock, and each record is acknowledged on its own, as the flow
 * reports it ({@link RecordOutcomes}): ACCEPT once its results and completion event are acknowledged, REJECT once its
 * FAILED event and dead letter are, RELEASE when it was not finished here (shutdown), so that another worker gets it.
 * A record on its last allowed delivery ({@code share.delivery.count.limit}) is marked so that the flow dead-letters it
 * rather than let the broker archive it silently after one more failure.
 *
 * <p>Acknowledgement is explicit, which means that {@code poll()} may only be called once every record of the last
 * poll is acknowledged ({@link AcquiredRecords}). So this source polls at most {@code min(kafka.maxPollRecords,
 * pipeline.maxInFlight)} records, waits until the flow has settled them, sending each acknowledgement at once, and
 * then polls again. Records still in flight halfway through their acquisition lock are renewed ({@code RENEW}) when
 * the group allows it; otherwise a job longer than the lock is handed to another worker as well (at-least-once).
 * Back-pressure stops polling: a share-group member holds no partitions, so one that does not poll keeps nobody else
 * from the topic's records; should it stay away longer than {@code max.poll.interval.ms}, it leaves the group, and
 * rejoins on its next poll.
 *
 * <p>Threading: the blocking {@link KafkaShareConsumer} lives on its own thread ({@code vp-ingest}); records reach
 * the {@link JobSink} through the {@code deliver} executor (the flow's event loop). {@link #pause()}, {@link
 * #resume()}, {@link #requestCommit()} and the {@link RecordOutcomes} methods may be called from any thread: they set
 * a flag or enqueue a command that the consumer thread runs between polls, and never block.
 */
public final class KafkaShareJobSource implements KafkaSource, RecordOutcomes, AutoCloseable {

    /** Client properties a share consumer refuses; dropped from {@code kafka.clientProperties} in share mode. */
    static final Set<String> NOT_FOR_SHARE_CONSUMERS = Set.of(
            "auto.offset.reset",
            "enable.auto.commit",
            "group.instance.id",
            "isolation.level",
            "partition.assignment.strategy",
            "interceptor.classes",
            "session.timeout.ms",
            "heartbeat.interval.ms",
            "group.protocol",
            "group.remote.assignor");

    static final String ACKNOWLEDGEMENT_MODE = "share.acknowledgement.mode";
    static final String ACQUIRE_MODE = "share.acquire.mode";

    private static final Logger LOGGER = LoggerFactory.getLogger(KafkaShareJobSource.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long COMMAND_WAIT_MILLIS = 50;
    private static final long LAG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long DEFAULT_LOCK_MILLIS = 30_000;
    private static final Duration CLOSE_COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaSettings settings;
    private final int pollRecords;
    private final Executor deliver;
    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile JobSink sink;
    private volatile boolean paused;
    private volatile boolean assigned;
    private volatile long lag;
    private volatile int held;
    /** Why the consumer thread ended without being asked to; null while it runs or after a requested stop. */
    private volatile Throwable died;

    private KafkaShareConsumer<byte[], byte[]> consumer; // consumer thread only
    private AcquiredRecords acquired; // consumer thread only
    private int deliveryLimit; // consumer thread only

    /**
     * @param maxInFlight the flow's in-flight bound: no poll takes more records than this
     * @param deliver where the sink is called (one task at a time)
     */
    public KafkaShareJobSource(KafkaSettings settings, int maxInFlight, Executor deliver) {
        this.settings = settings;
        this.pollRecords = Math.max(1, Math.min(settings.maxPollRecords(), maxInFlight));
        this.deliver = deliver;
        this.thread = new Thread(this::run, "vp-ingest");
    }

    @Override
    public void start(JobSink sink) {
        if (running.compareAndSet(false, true)) {
            this.sink = sink;
            thread.start();
        }
    }

    /** Stops polling once the records of the last poll are settled. */
    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
        commands.add(() -> {});
    }

    /** Sends the acknowledgements made so far (they also go with every poll). */
    @Override
    public void requestCommit() {
        commands.add(this::flush);
    }

    @Override
    public RecordOutcomes outcomes() {
        return this;
    }

    /** A share group keeps no partition for a member: there is nothing to revoke, every result may be published. */
    @Override
    public boolean mayPublish(JobRecord r) {
        return true;
    }

    @Override
    public boolean succeeded(JobRecord r) {
        settle(r, AcknowledgeType.ACCEPT);
        return true;
    }

    @Override
    public boolean deadLettered(JobRecord r) {
        settle(r, AcknowledgeType.REJECT);
        return true;
    }

    @Override
    public void abandoned(JobRecord r) {
        settle(r, AcknowledgeType.RELEASE);
    }

    private void settle(JobRecord r, AcknowledgeType type) {
        commands.add(() -> acquired.settle(r.partition(), r.offset(), type));
    }

    /** Whether the consumer has completed a poll (joined the share group). */
    @Override
    public boolean isAssigned() {
        return assigned;
    }

    /** Whether the consumer thread runs, or has not started yet, or was stopped on request. */
    @Override
    public boolean isAlive() {
        return died == null;
    }

    /** The group's backlog on the jobs topic, as the broker last reported it (every few seconds). */
    @Override
    public long lag() {
        return lag;
    }

    @Override
    public int pausedPartitions() {
        return 0;
    }

    @Override
    public int inFlight() {
        return held;
    }

    Properties consumerProperties() {
        Properties p = new Properties();
        settings.clientProperties().forEach((k, v) -> {
            if (NOT_FOR_SHARE_CONSUMERS.contains(k)) {
                LOGGER.warn("kafka.clientProperties {} does not apply to a share consumer; ignored", k);
            } else {
                p.put(k, v);
            }
        });
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, pollRecords);
        p.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "vp-ingest-" + ProcessHandle.current().pid());
        p.put(ACKNOWLEDGEMENT_MODE, "explicit");
        // take no more than one poll's worth, so records wait for an idle worker rather than behind a busy one
        p.putIfAbsent(ACQUIRE_MODE, "record_limit");
        return p;
    }

    private void run() {
        try (ShareGroupAdmin admin = new ShareGroupAdmin(
                        settings.bootstrapServers(),
                        settings.groupId(),
                        settings.jobsTopic(),
                        settings.clientProperties());
                KafkaShareConsumer<byte[], byte[]> c = new KafkaShareConsumer<>(
                        consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            ShareGroupAdmin.GroupSettings group = admin.prepare();
            deliveryLimit = group.deliveryLimit();
            acquired = new AcquiredRecords(c::acknowledge);
            c.setAcknowledgementCommitCallback(this::acknowledged);
            c.subscribe(List.of(settings.jobsTopic()));
            long nextLag = System.nanoTime();
            while (running.get()) {
                step(c, group.renewEnabled());
                if (System.nanoTime() >= nextLag) {
                    admin.measureLag(v -> lag = v);
                    nextLag = System.nanoTime() + LAG_INTERVAL_NANOS;
                }
            }
            runCommands();
            int released = acquired.releaseAll();
            try {
                c.commitSync(CLOSE_COMMIT_TIMEOUT);
            } catch (RuntimeException e) {
                LOGGER.warn(
                        "last acknowledgements not confirmed ({}); their records may be delivered again", e.toString());
            }
            LOGGER.info("share consumer closed; {} unfinished records released for redelivery", released);
        } catch (RuntimeException | Error e) {
            // an Error too: the thread ends either way, and the worker must learn of it (liveness), not log and hang
            died = e;
            LOGGER.error("share consumer stopped on an unexpected error; the worker is no longer live", e);
        } finally {
            if (running.get() && died == null) {
                died = new IllegalStateException("the consumer thread ended without being stopped");
            }
            assigned = false;
            consumer = null;
            stopped.countDown();
        }
    }

    /** One turn of the loop: settle, renew what is due, then poll if every polled record is settled, else wait. */
    private void step(KafkaShareConsumer<byte[], byte[]> c, boolean renew) {
        runCommands();
        if (renew && acquired.renewDue(System.nanoTime(), lockNanos(c))) {
            LOGGER.debug("renewing the acquisition locks of {} records", acquired.renewAll());
        }
        if (acquired.mayPoll() && (!paused || acquired.awaitingReturn())) {
            ConsumerRecords<byte[], byte[]> records = c.poll(POLL_TIMEOUT);
            assigned = true;
            acquired.takeUnsent(); // the poll carried them
            hand(records);
        } else {
            waitForCommand();
            runCommands();
            flush();
        }
        held = acquired.size();
    }

    private void hand(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        List<JobRecord> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (acquired.polled(r, now)) {
                batch.add(copy(r, new TopicPartition(r.topic(), r.partition())));
            }
        }
        if (!batch.isEmpty()) {
            deliver.execute(() -> sink.onRecords(batch));
        }
    }

    private JobRecord copy(ConsumerRecord<byte[], byte[]> r, TopicPartition tp) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value());
        }
        return new JobRecord(
                tp,
                r.offset(),
                0,
                r.key(),
                r.value(),
                headers,
                r.timestamp(),
                r.deliveryCount().map(Short::intValue).orElse(0),
                deliveryLimit);
    }

    private static long lockNanos(KafkaShareConsumer<byte[], byte[]> c) {
        return TimeUnit.MILLISECONDS.toNanos(
                c.acquisitionLockTimeoutMs().map(Integer::longValue).orElse(DEFAULT_LOCK_MILLIS));
    }

    /** Sends acknowledgements made since the last poll or commit; runs on the consumer thread. */
    private void flush() {
        // a command may run before the loop has built its consumer state
        if (acquired != null && acquired.takeUnsent() > 0) {
            consumer.commitAsync();
        }
    }

    private void waitForCommand() {
        try {
            Runnable r = commands.poll(COMMAND_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    private void runCommands() {
        Runnable r;
        while ((r = commands.poll()) != null) {
            r.run();
        }
    }

    /** Runs on the consumer thread, inside poll or commit. */
    private void acknowledged(Map<TopicIdPartition, Set<Long>> offsets, Exception error) {
        if (error == null) {
            return;
        }
        LOGGER.warn(
                "acknowledgement of {} failed: {} (a lock that ran out: the record goes to another worker as well)",
                offsets,
                error.toString());
        offsets.forEach((tip, set) -> acquired.lost(tip.topicPartition(), set));
    }

    /** Stops polling, releases the records not yet settled, sends every acknowledgement and closes the consumer. */
    @Override
    public void stop(Duration timeout) {
        if (!running.getAndSet(false) && !thread.isAlive()) {
            return; // never started, or stopped already
        }
        commands.add(() -> {});
        try {
            if (!stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOGGER.warn("share consumer did not stop within {}", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            stop(Duration.ofSeconds(15));
        }
    }
}
