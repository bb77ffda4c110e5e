package dev.vprompt.worker.internal.publish;

import dev.vprompt.worker.internal.job.JobFailure;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@link EventProducer} on a Kafka producer. Idempotent producer with {@code acks=all}: a future completes only when
 * the broker has acknowledged the record, which is what allows the job's offset to be committed.
 *
 * <p>Thread-safe (KafkaProducer is); futures complete on the producer's I/O thread.
 */
public final class KafkaEventProducer implements EventProducer {

    private final KafkaProducer<String, byte[]> producer;

    public KafkaEventProducer(String bootstrapServers, String clientId, Map<String, String> extra) {
        Properties p = new Properties();
        // tuning the operator may change, then the operator's properties, then what delivery rests on
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.putAll(extra);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends one record; the future fails with a transient JobFailure when the broker does not acknowledge it. */
    @Override
    public CompletableFuture<Void> send(String topic, String key, byte[] value, Map<String, String> headers) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record, (md, error) -> {
                if (error == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(
                            JobFailure.transientFailure("send to " + topic + " failed: " + error, error));
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(JobFailure.transientFailure("send to " + topic + " failed: " + e, e));
        }
        return done;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
