package dev.vprompt.worker.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.worker.infer.ModelIdentity;
import dev.vprompt.worker.internal.ingest.JobRecord;
import dev.vprompt.worker.internal.job.JobTimings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** FAILED completions and dead letters always fit their topics, and say what they left out. */
class FailureEventsTest {

    private static final int LIMIT = 16 * 1024;
    private static final Map<String, String> TRACE =
            Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    private final Clock clock = Clock.systemUTC();
    private final FailureEvents events = new FailureEvents(
            new CompletionEvents("w-1", ModelIdentity.nullModel("mae-vqgan"), clock),
            new DeadLetters("w-1", clock),
            new OutcomePublisher.Codecs(EventCodecs.promptCompleted(), EventCodecs.deadLetter()),
            new OutcomePublisher.Topics("completions", "dlq"),
            new TopicSizeLimits(1024 * 1024, Map.of("completions", LIMIT, "dlq", LIMIT)));

    private static JobRecord record(String key, int valueBytes, Map<String, byte[]> headers) {
        return new JobRecord(
                new TopicPartition("jobs", 2),
                41,
                1,
                key.getBytes(StandardCharsets.UTF_8),
                "v".repeat(valueBytes).getBytes(StandardCharsets.US_ASCII),
                headers,
                0);
    }

    /** Kafka's size of a record: key, value, headers and a one-record batch's framing. */
    private static int recordSize(FailureEvents.Encoded e) {
        int headers = 0;
        for (Map.Entry<String, String> h : TRACE.entrySet()) {
            headers += h.getKey().length() + h.getValue().length() + 10;
        }
        return 82 + e.key().getBytes(StandardCharsets.UTF_8).length + e.value().length + headers;
    }

    @Test
    void shouldCopyTheWholeRecordWhenItFits() throws Exception {
        // Given
        JobRecord r = record("job-1", 500, Map.of("traceparent", "x".getBytes(StandardCharsets.UTF_8)));
        // When
        FailureEvents.Encoded e = events.deadLetter(r, "job-1", "MALFORMED_EVENT", "not Avro", 1, TRACE);
        // Then
        DeadLetter d = EventCodecs.deadLetter().decode(e.value());
        assertThat(d.getTruncated()).isFalse();
        assertThat(d.getOriginalValue().remaining()).isEqualTo(500);
        assertThat(d.getOriginalValueBytes()).isEqualTo(500);
        assertThat(d.getHeaders()).containsKey("traceparent");
    }

    @Test
    void shouldCutKeyHeadersAndValueAndSaySoWhenTheRecordIsLargerThanTheTopicAllows() throws Exception {
        // Given: a key, a header and a value each larger than the limit
        JobRecord r = record(
                "k".repeat(LIMIT), 3 * LIMIT, Map.of("huge", new byte[2 * LIMIT], "small", new byte[] {1, 2, 3}));
        // When
        FailureEvents.Encoded e = events.deadLetter(r, "job-1", "MALFORMED_EVENT", "m".repeat(5000), 1, TRACE);
        // Then
        assertThat(recordSize(e)).isLessThanOrEqualTo(LIMIT);
        DeadLetter d = EventCodecs.deadLetter().decode(e.value());
        assertThat(d.getTruncated()).isTrue();
        assertThat(d.getOriginalValueBytes()).isEqualTo(3 * LIMIT);
        assertThat(d.getOriginalValue().remaining()).isPositive();
        assertThat(d.getOriginalKey().remaining()).isPositive().isLessThan(LIMIT);
        assertThat(d.getHeaders()).containsOnlyKeys("small");
        assertThat(d.getErrorMessage()).hasSize(FailureEvents.MAX_ERROR_MESSAGE_CHARS);
    }

    @Test
    void shouldDropTheAttributesOfAFailedCompletionWhenTheyDoNotFit() throws Exception {
        // Given
        JobRecord r = record("job-1", 10, Map.of());
        Map<String, String> attributes = Map.of("note", "a".repeat(2 * LIMIT), "small", "kept?");
        // When
        FailureEvents.Encoded e =
                events.completion(r, "job-1", "RESULT_TOO_LARGE", "too large", new JobTimings(0, 0), attributes, TRACE);
        // Then
        assertThat(recordSize(e)).isLessThanOrEqualTo(LIMIT);
        PromptCompleted c = EventCodecs.promptCompleted().decode(e.value());
        assertThat(e.key()).isEqualTo("job-1");
        assertThat(c.getJobId()).isEqualTo("job-1");
        assertThat(c.getAttributes()).isEmpty();
        assertThat(c.getError().getCode()).isEqualTo("RESULT_TOO_LARGE");
    }

    @Test
    void shouldNameTheJobByItsRecordPositionWhenItsJobIdAloneIsTooLarge() throws Exception {
        // Given
        String jobId = "j".repeat(LIMIT);
        JobRecord r = record(jobId, 10, Map.of());
        // When
        FailureEvents.Encoded completion =
                events.completion(r, jobId, "INVALID_JOB", "jobId too long", new JobTimings(0, 0), Map.of(), TRACE);
        FailureEvents.Encoded dead = events.deadLetter(r, completion.key(), "INVALID_JOB", "jobId too long", 1, TRACE);
        // Then
        assertThat(completion.key()).isEqualTo("unknown-jobs-2-41");
        assertThat(EventCodecs.promptCompleted().decode(completion.value()).getJobId())
                .isEqualTo("unknown-jobs-2-41");
        assertThat(recordSize(completion)).isLessThanOrEqualTo(LIMIT);
        assertThat(recordSize(dead)).isLessThanOrEqualTo(LIMIT);
        assertThat(EventCodecs.deadLetter().decode(dead.value()).getTruncated()).isTrue();
    }

    @Test
    void shouldTakeTheSmallerOfTheProducerAndTopicLimitsWhenBothAreKnown() {
        // Given
        TopicSizeLimits limits = new TopicSizeLimits(1000, Map.of("small", 500, "large", 5000));
        // When / Then
        assertThat(limits.maxRecordBytes("small")).isEqualTo(500);
        assertThat(limits.maxRecordBytes("large")).isEqualTo(1000);
        assertThat(limits.maxRecordBytes("unknown")).isEqualTo(1000);
    }
}
