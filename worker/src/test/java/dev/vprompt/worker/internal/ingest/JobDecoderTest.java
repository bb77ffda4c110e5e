package dev.vprompt.worker.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.schemas.codec.EventCodecs;
import dev.vprompt.worker.TestJobs;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.internal.job.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** From record bytes to a runnable job, or to the reason it cannot run. */
class JobDecoderTest {

    private final JobDecoder decoder = new JobDecoder(
            EventCodecs.promptJob(),
            new JobValidator(
                    S3Settings.builder()
                            .endpoint("http://127.0.0.1:9000")
                            .credentials("a", "b")
                            .allowedBuckets(Set.of("images", "results"))
                            .build(),
                    8,
                    8,
                    "mae-vqgan",
                    Clock.systemUTC()));

    static JobRecord record(byte[] key, byte[] value) {
        return new JobRecord(new TopicPartition("jobs", 2), 41, 1, key, value, Map.of(), 0);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldGiveARunnableJobWhenTheRecordIsAValidPromptJob() {
        // Given
        PromptJob job = TestJobs.job(Task.SEGMENTATION, PromptLayout.AUTO, 1, "ex-", "q.png");
        // When
        DecodedJob d = decoder.decode(
                record(utf8(job.getJobId()), EventCodecs.promptJob().encode(job)));
        // Then
        assertThat(d.runnable()).isTrue();
        assertThat(d.job()).isEqualTo(job);
    }

    @Test
    void shouldFailAsMalformedWhenTheValueIsNotAnEvent() {
        // When
        DecodedJob d = decoder.decode(record(utf8("k"), utf8("garbage bytes")));
        // Then
        assertThat(d.runnable()).isFalse();
        assertThat(d.job()).isNull();
        assertThat(d.failure().code()).isEqualTo(ErrorCode.MALFORMED_EVENT);
    }

    @Test
    void shouldFailAsUnknownSchemaWhenTheFingerprintIsNotKnown() {
        // Given
        byte[] value =
                EventCodecs.promptJob().encode(TestJobs.job(Task.SEGMENTATION, PromptLayout.AUTO, 1, "ex-", "q.png"));
        value[5] ^= 0x5A; // inside the 8-byte schema fingerprint after the 2-byte marker
        // When
        DecodedJob d = decoder.decode(record(utf8("k"), value));
        // Then
        assertThat(d.failure().code()).isEqualTo(ErrorCode.UNKNOWN_SCHEMA);
    }

    @Test
    void shouldKeepTheDecodedJobWhenItBreaksARule() {
        // Given: a decodable job with too many example pairs
        PromptJob job = TestJobs.job(Task.SEGMENTATION, PromptLayout.AUTO, 9, "ex-", "q.png");
        // When
        DecodedJob d = decoder.decode(record(null, EventCodecs.promptJob().encode(job)));
        // Then: the failure event can carry the job's own id and attributes
        assertThat(d.failure().code()).isEqualTo(ErrorCode.TOO_MANY_EXAMPLES);
        assertThat(d.job().getJobId()).isEqualTo(job.getJobId());
    }

    @Test
    void shouldNameAnUndecodableRecordByItsKeyOnlyWhenTheKeyIsShortText() {
        // When / Then
        assertThat(record(utf8("job-7"), null).jobIdFromKey()).isEqualTo("job-7");
        assertThat(record(new byte[] {(byte) 0xC3, (byte) 0x28}, null).jobIdFromKey())
                .as("not UTF-8")
                .isEqualTo("unknown-jobs-2-41");
        assertThat(record(new byte[JobRecord.MAX_KEY_JOB_ID_BYTES + 1], null).jobIdFromKey())
                .isEqualTo("unknown-jobs-2-41");
        assertThat(record(null, null).jobIdFromKey()).isEqualTo("unknown-jobs-2-41");
    }
}
