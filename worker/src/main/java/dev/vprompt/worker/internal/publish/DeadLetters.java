package dev.vprompt.worker.internal.publish;

import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.worker.internal.ingest.JobRecord;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Builds dead-letter envelopes that keep the original record bytes. Stateless and thread-safe. */
public final class DeadLetters {

    private final String workerId;
    private final Clock clock;

    public DeadLetters(String workerId, Clock clock) {
        this.workerId = workerId;
        this.clock = clock;
    }

    /** The whole record: key, value and every header. */
    public DeadLetter of(JobRecord record, String code, String message, int attempts) {
        return of(record, code, message, attempts, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * The record with its key, headers and value cut to at most the given number of bytes each (headers: name and
     * value together, in name order; a header that does not fit whole is left out); {@code truncated} says whether
     * anything was cut.
     */
    DeadLetter of(
            JobRecord record,
            String code,
            String message,
            int attempts,
            int maxKeyBytes,
            int maxHeaderBytes,
            int maxValueBytes) {
        byte[] key = record.key();
        byte[] value = record.value();
        boolean cut = (key != null && key.length > maxKeyBytes) || (value != null && value.length > maxValueBytes);
        Map<String, ByteBuffer> headers = new TreeMap<>();
        int headerBytes = 0;
        for (Map.Entry<String, byte[]> h : new TreeMap<>(record.headers()).entrySet()) {
            byte[] v = h.getValue() == null ? new byte[0] : h.getValue();
            int cost = h.getKey().length() * 3 + v.length;
            if (headerBytes + cost > maxHeaderBytes) {
                cut = true;
                continue;
            }
            headerBytes += cost;
            headers.put(h.getKey(), ByteBuffer.wrap(v));
        }
        return DeadLetter.newBuilder()
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(prefix(key, maxKeyBytes)))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(prefix(value, maxValueBytes)))
                .setTopic(record.partition().topic())
                .setPartition(record.partition().partition())
                .setOffset(record.offset())
                .setErrorCode(code)
                .setErrorMessage(message)
                .setAttempts(attempts)
                .setFailedAt(clock.instant())
                .setWorker(workerId)
                .setHeaders(headers)
                .setTruncated(cut)
                .setOriginalValueBytes(value == null ? null : value.length)
                .build();
    }

    private static byte[] prefix(byte[] bytes, int max) {
        return bytes.length <= max ? bytes : Arrays.copyOf(bytes, Math.max(0, max));
    }
}
