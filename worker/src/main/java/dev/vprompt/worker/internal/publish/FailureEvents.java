package dev.vprompt.worker.internal.publish;

import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.job.JobTimings;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Encodes the two records of a failed job, the FAILED completion and the dead letter, so that each always fits its
 * topic's record size limit: a failure that cannot be published would be retried forever and its partition never
 * committed. The error message is cut to {@link #MAX_ERROR_MESSAGE_CHARS}; a dead letter too large for its topic has
 * its copy of the original key, headers and value cut ({@code DeadLetter.truncated}); a FAILED completion too large
 * for its topic loses the job's attributes, then (a jobId of about the limit's size) is keyed and named by the record's
 * position instead of its jobId.
 *
 * <p>Stateless and thread-safe.
 */
public final class FailureEvents {

    /** The longest error message a FAILED completion or dead letter carries. */
    public static final int MAX_ERROR_MESSAGE_CHARS = 1000;
    /** Kafka's framing of a one-record batch (61-byte batch header, at most 21 bytes of record header), rounded up. */
    static final int RECORD_OVERHEAD_BYTES = 256;
    /** Room left for Avro's length prefixes and union indexes when the cut fields are filled in. */
    private static final int ENCODING_SLACK_BYTES = 64;
    /** The most of the original key kept in a cut dead letter. */
    private static final int MAX_CUT_KEY_BYTES = 1024;

    /** A record ready to send: its key (the jobId, or the record's position) and value. */
    public record Encoded(String key, byte[] value) {}

    private final CompletionEvents completions;
    private final DeadLetters deadLetters;
    private final OutcomePublisher.Codecs codecs;
    private final OutcomePublisher.Topics topics;
    private final TopicSizeLimits limits;

    public FailureEvents(
            CompletionEvents completions,
            DeadLetters deadLetters,
            OutcomePublisher.Codecs codecs,
            OutcomePublisher.Topics topics,
            TopicSizeLimits limits) {
        this.completions = completions;
        this.deadLetters = deadLetters;
        this.codecs = codecs;
        this.topics = topics;
        this.limits = limits;
    }

    /** The FAILED completion of a job, keyed by its jobId. */
    public Encoded completion(
            JobRecord record,
            String jobId,
            String code,
            String message,
            JobTimings timings,
            Map<String, String> attributes,
            Map<String, String> headers) {
        String shortMessage = cut(message);
        int limit = limits.maxRecordBytes(topics.completions()) - RECORD_OVERHEAD_BYTES - bytes(headers);
        byte[] value = encode(completions.failed(jobId, code, shortMessage, timings, attributes));
        if (fits(jobId, value, limit)) {
            return new Encoded(jobId, value);
        }
        value = encode(completions.failed(jobId, code, shortMessage, timings, Map.of()));
        if (fits(jobId, value, limit)) {
            return new Encoded(jobId, value);
        }
        String position = position(record);
        return new Encoded(position, encode(completions.failed(position, code, shortMessage, timings, Map.of())));
    }

    /** The dead letter of a record, keyed as its FAILED completion ({@code key}). */
    public Encoded deadLetter(
            JobRecord record, String key, String code, String message, int attempts, Map<String, String> headers) {
        String shortMessage = cut(message);
        int limit = limits.maxRecordBytes(topics.deadLetters())
                - RECORD_OVERHEAD_BYTES
                - bytes(headers)
                - key.getBytes(StandardCharsets.UTF_8).length;
        byte[] whole = codecs.deadLetter().encode(deadLetters.of(record, code, shortMessage, attempts));
        if (whole.length <= limit) {
            return new Encoded(key, whole);
        }
        DeadLetter bare = deadLetters.of(record, code, shortMessage, attempts, 0, 0, 0);
        int room = Math.max(0, limit - codecs.deadLetter().encode(bare).length - ENCODING_SLACK_BYTES);
        int keyBytes = Math.min(room / 4, MAX_CUT_KEY_BYTES);
        int headerBytes = (room - keyBytes) / 4;
        int valueBytes = room - keyBytes - headerBytes;
        byte[] cut = codecs.deadLetter()
                .encode(deadLetters.of(record, code, shortMessage, attempts, keyBytes, headerBytes, valueBytes));
        return new Encoded(key, cut.length <= limit ? cut : codecs.deadLetter().encode(bare));
    }

    private byte[] encode(PromptCompleted event) {
        return codecs.completion().encode(event);
    }

    private static boolean fits(String key, byte[] value, int limit) {
        return key.getBytes(StandardCharsets.UTF_8).length + value.length <= limit;
    }

    /** The message, cut to {@link #MAX_ERROR_MESSAGE_CHARS} characters (never inside a surrogate pair). */
    static String cut(String message) {
        String m = String.valueOf(message);
        if (m.length() <= MAX_ERROR_MESSAGE_CHARS) {
            return m;
        }
        int end = MAX_ERROR_MESSAGE_CHARS - 3;
        if (Character.isHighSurrogate(m.charAt(end - 1))) {
            end--;
        }
        return m.substring(0, end) + "...";
    }

    private static int bytes(Map<String, String> headers) {
        int n = 0;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            n += 10
                    + h.getKey().getBytes(StandardCharsets.UTF_8).length
                    + h.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return n;
    }

    /** The id of a record by its position, for a jobId too large to name its own events. */
    static String position(JobRecord record) {
        return "unknown-" + record.partition().topic() + "-"
                + record.partition().partition() + "-" + record.offset();
    }
}
