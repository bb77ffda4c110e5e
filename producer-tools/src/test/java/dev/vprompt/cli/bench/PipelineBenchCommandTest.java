package dev.vprompt.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.cli.VpRun;
import dev.vprompt.client.Connection;
import dev.vprompt.worker.config.ModelSettings;
import dev.vprompt.worker.config.WorkerConfig;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PipelineBenchCommandTest {

    private static final Connection CONNECTION =
            Connection.of("127.0.0.1:19092", URI.create("http://127.0.0.1:19000"), "vprompt", "vprompt-secret", "x");

    private static WorkerConfig workerConfig(String... args) {
        PipelineBenchCommand command = new PipelineBenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.workerConfig(
                CONNECTION, ModelSettings.builder().nullModel(true).build(), 0);
    }

    @Test
    void shouldRunTheWorkerAtLeastOnceWhenNoDeliveryIsGiven() {
        // When
        WorkerConfig c = workerConfig("--null-model");

        // Then
        assertThat(c.kafka().delivery()).isEqualTo("at-least-once");
        assertThat(c.kafka().exactlyOnce()).isFalse();
    }

    @Test
    void shouldRunTheWorkerWithTransactionsWhenDeliveryIsExactlyOnce() {
        // When
        WorkerConfig c = workerConfig("--null-model", "--delivery", "exactly-once");

        // Then
        assertThat(c.kafka().exactlyOnce()).isTrue();
        assertThat(c.kafka().transactionalIdFor(c.workerId())).isNotBlank();
    }

    @Test
    void shouldRefuseAnUnknownDeliveryModeWhenGivenBeforeStartingAnything() {
        // When
        VpRun run = VpRun.of("bench", "pipeline", "--null-model", "--delivery", "twice");

        // Then: a bad command line, one line, no stack started (nothing on standard output)
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .singleElement()
                .asString()
                .contains("--delivery must be at-least-once or exactly-once, was twice");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldGiveEachWorkerItsOwnIdInOneConsumerGroupWhenSeveralRun() {
        // Given
        PipelineBenchCommand command = new PipelineBenchCommand();
        new CommandLine(command).parseArgs("--null-model", "--workers", "3", "--delivery", "exactly-once");
        ModelSettings model = ModelSettings.builder().nullModel(true).build();

        // When
        List<WorkerConfig> configs = List.of(
                command.workerConfig(CONNECTION, model, 0),
                command.workerConfig(CONNECTION, model, 1),
                command.workerConfig(CONNECTION, model, 2));

        // Then: one group, three members, three transactional ids (two producers sharing one would fence each other)
        assertThat(configs)
                .extracting(c -> c.kafka().groupId())
                .containsOnly(configs.get(0).kafka().groupId());
        assertThat(configs).extracting(WorkerConfig::workerId).doesNotHaveDuplicates();
        assertThat(configs)
                .extracting(c -> c.kafka().transactionalIdFor(c.workerId()))
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldRefuseZeroWorkersWhenGivenBeforeStartingAnything() {
        // When
        VpRun run = VpRun.of("bench", "pipeline", "--null-model", "--workers", "0");

        // Then
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("--workers must be 1 to 16, got 0");
        assertThat(run.out()).isEmpty();
    }
}
