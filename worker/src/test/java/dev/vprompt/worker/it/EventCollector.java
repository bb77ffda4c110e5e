package dev.vprompt.worker.it;

import dev.vprompt.schemas.codec.EventCodec;
import dev.vprompt.schemas.codec.EventDecodeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads every event of a topic on a background thread ({@code it-collect-<topic>}) into memory. */
final class EventCollector<T> implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final EventCodec<T> codec;
    private final Function<T, String> id;
    private final List<T> all = new CopyOnWriteArrayList<>();
    private final Map<String, T> byId = new ConcurrentHashMap<>();
    private final Map<String, Map<String, byte[]>> headers = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    EventCollector(String bootstrap, String topic, EventCodec<T> codec, Function<T, String> id) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // as a consumer of completions must read them: events of aborted transactions (exactly-once mode) are not seen
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.codec = codec;
        this.id = id;
        consumer.subscribe(List.of(topic));
        this.thread = new Thread(this::run, "it-collect-" + topic);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        T event = codec.decode(r.value());
                        all.add(event);
                        byId.put(id.apply(event), event);
                        Map<String, byte[]> h = new ConcurrentHashMap<>();
                        r.headers().forEach(x -> h.put(x.key(), x.value()));
                        headers.put(id.apply(event), h);
                    } catch (EventDecodeException e) {
                        throw new AssertionError("worker wrote an undecodable event", e);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    List<T> all() {
        return all;
    }

    Map<String, T> byId() {
        return byId;
    }

    Map<String, byte[]> headersOf(String id) {
        return headers.getOrDefault(id, Map.of());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
