package dev.vprompt.worker.internal.ingest;

import java.util.Map;

/**
 * A completion event or dead letter held until it is committed in one Kafka transaction with the offset of the job
 * it reports (exactly-once delivery).
 *
 * @param headers record headers (e.g. {@code traceparent})
 */
public record OutgoingEvent(String topic, String key, byte[] value, Map<String, String> headers) {

    public OutgoingEvent {
        headers = Map.copyOf(headers);
    }
}
