package dev.vprompt.worker.it;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A Kafka client interceptor (named in {@code interceptor.classes}) that throws an {@link Error} on the client's own
 * thread when a test arms it: in the consumer's poll (its records handed over) or on the producer's I/O thread (an
 * acknowledgement). Kafka catches an interceptor's exceptions but not its errors, so the thread ends, as it would on an
 * out-of-memory error there. Switches are static: one test at a time arms them, and disarms them when done.
 *
 * <p>Thread-safe (volatile switches).
 */
public final class ThreadKiller implements ConsumerInterceptor<byte[], byte[]>, ProducerInterceptor<String, byte[]> {

    /** Kills the consumer thread at its next poll that returns records. */
    static volatile boolean consumer;
    /** Kills the producer's I/O thread at its next acknowledgement. */
    static volatile boolean producer;

    /** The error thrown; not an exception, so no Kafka catch block stops it. */
    static final class Injected extends Error {
        Injected(String where) {
            super("injected by a test: the " + where + " thread dies");
        }
    }

    static void disarm() {
        consumer = false;
        producer = false;
    }

    @Override
    public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        if (consumer && !records.isEmpty()) {
            consumer = false;
            throw new Injected("consumer");
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

    @Override
    public ProducerRecord<String, byte[]> onSend(ProducerRecord<String, byte[]> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (producer) {
            producer = false;
            throw new Injected("producer I/O");
        }
    }

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}
