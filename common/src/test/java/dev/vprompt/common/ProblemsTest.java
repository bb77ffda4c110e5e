package dev.vprompt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    /** A module's own exception type, as each module has one. */
    static final class ConfigException extends RuntimeException {
        final List<String> problems;

        ConfigException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = problems;
        }
    }

    @Test
    void shouldReportEveryBrokenRuleInOrderWhenSeveralAreBroken() {
        // Given
        Problems p = new Problems();
        // When
        p.requireText(" ", "kafka.bootstrapServers");
        p.requirePositive(0, "batch.maxBatchSize");
        p.requirePositive(Duration.ZERO, "pipeline.drainTimeout");
        p.require(false, "batch.queueCapacity must be >= batch.maxBatchSize");
        p.add("vocab_size 8 must equal vqgan.n_embed 16");
        // Then
        assertThatThrownBy(() -> p.throwIfAny(ConfigException::new))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems)
                        .containsExactly(
                                "kafka.bootstrapServers is required",
                                "batch.maxBatchSize must be positive, was 0",
                                "pipeline.drainTimeout must be a positive duration, was PT0S",
                                "batch.queueCapacity must be >= batch.maxBatchSize",
                                "vocab_size 8 must equal vqgan.n_embed 16"));
    }

    @Test
    void shouldThrowNothingWhenEveryRuleHolds() {
        // Given
        Problems p = new Problems();
        p.requireText("127.0.0.1:9092", "kafka.bootstrapServers");
        p.requirePositive(8, "batch.maxBatchSize");
        p.requirePositive(Duration.ofSeconds(1), "pipeline.drainTimeout");
        p.require(true, "never reported");
        // When / Then
        assertThat(p.isEmpty()).isTrue();
        assertThatCode(() -> p.throwIfAny(ConfigException::new)).doesNotThrowAnyException();
    }

    @Test
    void shouldTreatANullDurationAsAProblemWhenAPositiveOneIsRequired() {
        // Given
        Problems p = new Problems();
        // When
        p.requirePositive((Duration) null, "s3.requestTimeout");
        // Then
        assertThat(p.list()).containsExactly("s3.requestTimeout must be a positive duration, was null");
    }
}
