package dev.vprompt.worker.internal.ingest;

import dev.vprompt.worker.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls prompt jobs from Kafka with manual commits: the worker's {@link JobSource}.
 *
 * <p>Threading: the blocking {@link KafkaConsumer} lives on its own thread ({@code vp-ingest}); records and
 * revocations reach the {@link JobSink} through the {@code deliver} executor (the flow's event loop), so the event
 * loop never blocks. {@link #pause()}, {@link #resume()} and {@link #requestCommit()} may be called from any thread:
 * they enqueue commands that the consumer thread runs between polls. Back-pressure pauses the assigned partitions, never the
 * poll loop, so the worker keeps its group membership. One delivery at a time ({@link JobSource}): the consumer thread
 * takes no new records until its last batch has reached the sink (and with it any pause the batch caused), waiting
 * meanwhile in short steps that still run commands and commits. Offsets come from the {@link OffsetTracker}: completed
 * offsets are committed by the {@link OffsetCommitter} every {@code commitInterval}, synchronously before partitions
 * are revoked, and at close. In exactly-once delivery the tracker also holds the events of finished jobs until their
 * offsets commit; when more than {@code maxHeldEvents} wait (a slow job holds back the offsets after it) the
 * partitions are paused until commits let them go.
 */
public final class KafkaJobSource implements KafkaSource, AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(KafkaJobSource.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final KafkaSettings settings;
    private final OffsetTracker tracker;
    private final OffsetCommitter committer;
    private final int maxHeldEvents;
    private final Executor deliver;
    private volatile JobSink sink;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean paused;
    private boolean heldBack; // consumer thread only: paused because too many events wait for their offsets
    private volatile long lag;
    private volatile int pausedPartitions;
    private volatile boolean assigned;
    private final Object delivered = new Object();
    private int undelivered; // guarded by delivered
    /** Why the consumer thread ended without being asked to; null while it runs or after a requested stop. */
    private volatile Throwable died;

    private KafkaConsumer<byte[], byte[]> consumer; // consumer thread only

    /** At-least-once delivery: the consumer commits offsets. */
    public KafkaJobSource(KafkaSettings settings, OffsetTracker tracker, Executor deliver) {
        this(settings, tracker, new ConsumerCommits(), Integer.MAX_VALUE, deliver);
    }

    /**
     * @param committer how finished work is committed
     * @param maxHeldEvents beyond this many events held for uncommitted offsets, partitions are paused
     * @param deliver where the sink is called (one task at a time)
     */
    public KafkaJobSource(
            KafkaSettings settings,
            OffsetTracker tracker,
            OffsetCommitter committer,
            int maxHeldEvents,
            Executor deliver) {
        this.settings = settings;
        this.tracker = tracker;
        this.committer = committer;
        this.maxHeldEvents = maxHeldEvents;
        this.deliver = deliver;
        this.thread = new Thread(this::run, "vp-ingest");
    }

    /** Starts the consumer thread; it subscribes to the jobs topic and hands what it polls to {@code sink}. */
    @Override
    public void start(JobSink sink) {
        if (running.compareAndSet(false, true)) {
            this.sink = sink;
            thread.start();
        }
    }

    /** Pauses every assigned partition (and those assigned later) while polling goes on. */
    @Override
    public void pause() {
        paused = true;
        commands.add(() -> consumer.pause(consumer.assignment()));
    }

    @Override
    public void resume() {
        paused = false;
        commands.add(() -> {
            if (!heldBack) {
                consumer.resume(consumer.assignment());
            }
        });
    }

    /** Asks the consumer thread to commit completed offsets soon. */
    @Override
    public void requestCommit() {
        commands.add(() -> committer.commitSoon(consumer, tracker));
    }

    @Override
    public RecordOutcomes outcomes() {
        return tracker;
    }

    /** Sum of the consumer's lag over its assigned partitions, as last measured. */
    @Override
    public long lag() {
        return lag;
    }

    @Override
    public int pausedPartitions() {
        return pausedPartitions;
    }

    @Override
    public int inFlight() {
        return tracker.pendingCount();
    }

    /** Whether the consumer has joined the group and holds an assignment (possibly empty), and has not lost it. */
    @Override
    public boolean isAssigned() {
        return assigned;
    }

    /** Whether the consumer thread runs, or has not started yet, or was stopped on request. */
    @Override
    public boolean isAlive() {
        return died == null;
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        // tuning the operator may change, then the operator's properties, then what delivery rests on
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "vp-ingest-" + ProcessHandle.current().pid());
        p.putAll(settings.clientProperties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        return p;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            committer.start(running::get);
            c.subscribe(List.of(settings.jobsTopic()), new Rebalance());
            long nextCommit = System.nanoTime() + settings.commitInterval().toNanos();
            while (running.get()) {
                boolean delivered = awaitDelivered(); // else the last batch is on its way to the sink: poll later
                runCommands(); // after the wait: a pause the last batch caused is applied before the next poll
                if (delivered) {
                    ConsumerRecords<byte[], byte[]> records;
                    try {
                        records = c.poll(POLL_TIMEOUT);
                    } catch (WakeupException e) {
                        continue;
                    }
                    if (!records.isEmpty()) {
                        handOver(copy(records, tracker));
                    }
                }
                if (System.nanoTime() >= nextCommit) {
                    committer.commitSoon(c, tracker);
                    holdBackWhileEventsWait();
                    measure();
                    nextCommit = System.nanoTime() + settings.commitInterval().toNanos();
                }
            }
            runCommands();
            committer.commitNow(c, tracker, null);
        } catch (RuntimeException | Error e) {
            // an Error too: the thread ends either way, and the worker must learn of it (liveness), not log and hang
            died = e;
            LOGGER.error("job consumer stopped on an unexpected error; the worker is no longer live", e);
        } finally {
            if (running.get() && died == null) {
                died = new IllegalStateException("the consumer thread ended without being stopped");
            }
            consumer = null;
            closeCommitter();
            stopped.countDown();
        }
    }

    /** Hands a batch to the sink on the deliver executor, counted until it got there. */
    private void handOver(List<JobRecord> batch) {
        synchronized (delivered) {
            undelivered++;
        }
        deliver.execute(() -> {
            try {
                sink.onRecords(batch);
            } finally {
                synchronized (delivered) {
                    undelivered--;
                    delivered.notifyAll();
                }
            }
        });
    }

    /** Waits up to a poll timeout for every handed-over batch to reach the sink; whether they all did. */
    private boolean awaitDelivered() {
        synchronized (delivered) {
            if (undelivered > 0) {
                try {
                    delivered.wait(POLL_TIMEOUT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running.set(false);
                }
            }
            return undelivered == 0;
        }
    }

    private void runCommands() {
        Runnable r;
        while ((r = commands.poll()) != null) {
            r.run();
        }
    }

    /** Copies records out of the consumer and registers them in flight before anyone can commit past them. */
    private static List<JobRecord> copy(ConsumerRecords<byte[], byte[]> records, OffsetTracker tracker) {
        List<JobRecord> out = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Map<String, byte[]> headers = new HashMap<>();
            for (Header h : r.headers()) {
                headers.put(h.key(), h.value());
            }
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            long generation = tracker.track(tp, r.offset());
            out.add(new JobRecord(tp, r.offset(), generation, r.key(), r.value(), headers, r.timestamp()));
        }
        return out;
    }

    /** Pauses every partition while too many finished jobs' events wait for their offsets; resumes after. */
    private void holdBackWhileEventsWait() {
        boolean full = tracker.stagedCount() > maxHeldEvents;
        if (full && !heldBack) {
            heldBack = true;
            consumer.pause(consumer.assignment());
            LOGGER.info("{} events wait for their offsets; partitions paused until commits let them go", maxHeldEvents);
        } else if (!full && heldBack) {
            heldBack = false;
            if (!paused) {
                consumer.resume(consumer.assignment());
            }
        }
    }

    private void closeCommitter() {
        try {
            committer.close();
        } catch (RuntimeException e) {
            LOGGER.warn("closing the offset committer failed: {}", e.toString());
        }
    }

    private void measure() {
        long sum = 0;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong l = consumer.currentLag(tp);
            if (l.isPresent()) {
                sum += l.getAsLong();
            }
        }
        lag = sum;
        pausedPartitions = consumer.paused().size();
    }

    /** Stops polling, commits what is complete and closes the consumer; waits up to {@code timeout}. */
    @Override
    public void stop(Duration timeout) {
        if (running.compareAndSet(true, false)) {
            KafkaConsumer<byte[], byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        }
        try {
            if (!stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOGGER.warn("job consumer did not stop within {}", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (thread.isAlive() || running.get()) {
            stop(Duration.ofSeconds(15));
        }
    }

    /** Runs on the consumer thread inside poll. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned = true;
            if ((paused || heldBack) && !partitions.isEmpty()) {
                consumer.pause(partitions);
            }
            LOGGER.info("assigned partitions {}", partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            committer.commitNow(consumer, tracker, partitions);
            gone(partitions);
            LOGGER.info("revoked partitions {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            assigned = false;
            gone(partitions);
            LOGGER.warn("lost partitions {}", partitions);
        }

        private void gone(Collection<TopicPartition> partitions) {
            Set<TopicPartition> copy = new HashSet<>(partitions);
            tracker.forget(copy);
            deliver.execute(() -> sink.onPartitionsGone(copy));
        }
    }
}
