package dev.vprompt.worker.internal.ingest;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records a share consumer has acquired for this worker and not yet settled, and the rules of explicit
 * acknowledgement around them:
 *
 * <ul>
 *   <li>a record can be acknowledged only while it belongs to the consumer's current fetch (the last poll); an outcome
 *       that arrives while it does not (its lock was just renewed) waits until a poll hands it back;
 *   <li>{@code poll()} may only be called once every record of the current fetch is acknowledged, RENEW included
 *       ({@link #mayPoll()});
 *   <li>a record still in flight halfway through its acquisition lock is renewed ({@link #renewDue}); the next poll
 *       hands it back, which puts it into the current fetch again.
 * </ul>
 *
 * <p>Not thread-safe: confined to the share consumer's thread.
 */
final class AcquiredRecords {

    /**
     * Acknowledges one record with the consumer (the consumer thread's {@code KafkaShareConsumer::acknowledge}; its
     * topic-partition-offset variant only takes records that failed to deserialize, so the record object is kept).
     */
    interface Acknowledger {
        void acknowledge(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type);
    }

    private record Key(TopicPartition partition, long offset) {}

    private static final class Entry {
        ConsumerRecord<byte[], byte[]> record;
        boolean inFetch = true;
        long lockedSinceNanos;
        AcknowledgeType pending;

        Entry(ConsumerRecord<byte[], byte[]> record, long nowNanos) {
            this.record = record;
            lockedSinceNanos = nowNanos;
        }
    }

    private final Acknowledger consumer;
    private final Map<Key, Entry> entries = new HashMap<>();
    private int acknowledgedSinceFlush;

    AcquiredRecords(Acknowledger consumer) {
        this.consumer = consumer;
    }

    /**
     * A poll returned this record.
     *
     * @return true when it is new to this worker (deliver it), false when a renewed record came back
     */
    boolean polled(ConsumerRecord<byte[], byte[]> record, long nowNanos) {
        Key key = new Key(new TopicPartition(record.topic(), record.partition()), record.offset());
        Entry e = entries.get(key);
        if (e == null) {
            entries.put(key, new Entry(record, nowNanos));
            return true;
        }
        e.record = record;
        e.inFetch = true;
        e.lockedSinceNanos = nowNanos;
        if (e.pending != null) {
            acknowledge(key, e.pending);
        }
        return false;
    }

    /** The flow settled a record: acknowledge it now, or as soon as a poll hands it back. Unknown records are ignored. */
    void settle(TopicPartition tp, long offset, AcknowledgeType type) {
        Key key = new Key(tp, offset);
        Entry e = entries.get(key);
        if (e == null) {
            return;
        }
        if (e.inFetch) {
            acknowledge(key, type);
        } else {
            e.pending = type;
        }
    }

    /**
     * The broker refused acknowledgements for these offsets (their locks had run out): renewed records among them will
     * not come back, so they are forgotten; the flow's outcome for them is then ignored.
     */
    void lost(TopicPartition tp, Set<Long> offsets) {
        for (long offset : offsets) {
            Key key = new Key(tp, offset);
            Entry e = entries.get(key);
            if (e != null && !e.inFetch) {
                entries.remove(key);
            }
        }
    }

    /** Whether every record of the current fetch is acknowledged, so that {@code poll()} may be called. */
    boolean mayPoll() {
        return entries.values().stream().noneMatch(e -> e.inFetch);
    }

    /** Whether renewed records wait for a poll to hand them back. */
    boolean awaitingReturn() {
        return entries.values().stream().anyMatch(e -> !e.inFetch);
    }

    /** Whether a record of the current fetch has held its lock for half of {@code lockNanos} or more. */
    boolean renewDue(long nowNanos, long lockNanos) {
        return entries.values().stream().anyMatch(e -> e.inFetch && nowNanos - e.lockedSinceNanos >= lockNanos / 2);
    }

    /** Renews the lock of every record of the current fetch; the next poll hands them back. */
    int renewAll() {
        int n = 0;
        for (Map.Entry<Key, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            if (e.inFetch) {
                consumer.acknowledge(e.record, AcknowledgeType.RENEW);
                e.inFetch = false;
                acknowledgedSinceFlush++;
                n++;
            }
        }
        return n;
    }

    /** Releases every record of the current fetch (shutdown); renewed ones go back when the session closes. */
    int releaseAll() {
        int n = 0;
        Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Entry> me = it.next();
            if (me.getValue().inFetch) {
                consumer.acknowledge(me.getValue().record, AcknowledgeType.RELEASE);
                acknowledgedSinceFlush++;
                n++;
            }
            it.remove();
        }
        return n;
    }

    /** How many acknowledgements were made since the last call: they are sent with the next poll or commit. */
    int takeUnsent() {
        int n = acknowledgedSinceFlush;
        acknowledgedSinceFlush = 0;
        return n;
    }

    /** Records acquired and not yet settled. */
    int size() {
        return entries.size();
    }

    private void acknowledge(Key key, AcknowledgeType type) {
        consumer.acknowledge(entries.get(key).record, type);
        entries.remove(key);
        acknowledgedSinceFlush++;
    }
}
