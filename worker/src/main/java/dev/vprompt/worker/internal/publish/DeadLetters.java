package dev.vprompt.worker.internal.publish;

import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.worker.internal.ingest.JobRecord;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Builds dead-letter envelopes that keep the original record bytes. Stateless and thread-safe. */
public final class DeadLetters {

    private final String workerId;
    private final Clock clock;

    public DeadLetters(String workerId, Clock clock) {
        this.workerId = workerId;
        this.clock = clock;
    }

    public DeadLetter of(JobRecord record, String code, String message, int attempts) {
        Map<String, ByteBuffer> headers = new HashMap<>();
        record.headers().forEach((k, v) -> headers.put(k, ByteBuffer.wrap(v == null ? new byte[0] : v)));
        return DeadLetter.newBuilder()
                .setOriginalKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setOriginalValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setTopic(record.partition().topic())
                .setPartition(record.partition().partition())
                .setOffset(record.offset())
                .setErrorCode(code)
                .setErrorMessage(message)
                .setAttempts(attempts)
                .setFailedAt(clock.instant())
                .setWorker(workerId)
                .setHeaders(headers)
                .build();
    }
}
