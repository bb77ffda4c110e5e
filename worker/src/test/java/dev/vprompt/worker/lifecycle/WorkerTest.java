package dev.vprompt.worker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.worker.config.HttpSettings;
import dev.vprompt.worker.config.KafkaSettings;
import dev.vprompt.worker.config.ModelSettings;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.config.WorkerConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The worker's lifecycle where no broker or store is needed: closing before start, and a start that fails. */
class WorkerTest {

    private static WorkerConfig config(ModelSettings model) {
        return WorkerConfig.builder()
                .kafka(KafkaSettings.builder().bootstrapServers("127.0.0.1:1").build())
                .s3(S3Settings.builder()
                        .endpoint("http://127.0.0.1:1")
                        .credentials("a", "b")
                        .allowedBuckets(Set.of("images"))
                        .build())
                .model(model)
                .http(HttpSettings.builder().port(HttpSettings.DISABLED).build())
                .build();
    }

    @Test
    void shouldStopWithoutStartingAndRefuseToStartWhenClosedFirst() {
        // Given
        Worker worker =
                new Worker(config(ModelSettings.builder().nullModel(true).build()));
        // When
        worker.close();
        worker.close();
        // Then
        assertThat(worker.state()).isEqualTo(WorkerState.STOPPED);
        assertThatThrownBy(worker::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldEndFailedAndNotLiveWhenStartingFails() {
        // Given: a checkpoint that does not exist, so loading the model fails
        Worker worker = new Worker(config(ModelSettings.builder()
                .path("/nonexistent/checkpoint-1000.pth")
                .devices(List.of("cpu"))
                .build()));
        // When
        assertThatThrownBy(worker::start).isNotNull();
        // Then
        assertThat(worker.state()).isEqualTo(WorkerState.FAILED);
        assertThat(worker.isLive()).isFalse();
        assertThat(worker.readiness()).containsEntry("running", false).containsEntry("model", false);
        worker.close();
        assertThat(worker.state()).isEqualTo(WorkerState.STOPPED);
    }
}
